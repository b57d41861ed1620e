import type { Locator, Page } from 'playwright-core';

/** Swagger UI (the real third-party app of the test sites), one operation at a time. */
export class SwaggerPage {
  constructor(readonly page: Page) {}

  async waitForOperations() {
    await this.page.locator('.opblock').first().waitFor();
  }

  /** Opens an operation and presses "Try it out"; returns the operation's block. */
  async tryOut(operationId: string): Promise<Locator> {
    const block = this.page.locator(`#operations-default-${operationId}`);
    await block.locator('.opblock-summary').click();
    await block.getByRole('button', { name: 'Try it out' }).click();
    return block;
  }

  /** Types into a parameter's field key by key, as a participant does. */
  async typeParameter(block: Locator, name: string, value: string) {
    await block.locator(`input[placeholder="${name}"]`).pressSequentially(value);
  }

  /** Replaces the request body's text by typing a new one. */
  async typeBody(block: Locator, text: string) {
    const body = block.locator('textarea.body-param__text');
    await body.click();
    await body.press('ControlOrMeta+a');
    await body.pressSequentially(text);
  }

  /** Executes the request and waits until the response is printed back with `shown` in it. */
  async execute(block: Locator, shown: string) {
    await block.getByRole('button', { name: 'Execute' }).click();
    await block.locator('.responses-wrapper .curl').waitFor();
    await this.page.waitForFunction(
      ([selector, text]) => document.querySelector(selector!)?.textContent?.includes(text!),
      [`#${await block.getAttribute('id')} .live-responses-table`, shown] as const,
    );
  }
}
