import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../support/extension';

/**
 * The toolbar popup, opened as a tab. It acts on the most recently used web
 * tab when it is itself the active tab (see lib/sessions/target-tab.ts).
 */
export class PopupPage {
  private constructor(readonly page: Page) {}

  static async open(ext: ExtensionBrowser): Promise<PopupPage> {
    const page = await ext.context.newPage();
    await page.goto(ext.url('/popup.html'));
    const popup = new PopupPage(page);
    await page.getByRole('heading', { name: 'Study Group' }).waitFor();
    return popup;
  }

  async start(options: { title: string; participant: string; origins?: string }) {
    await this.page.getByLabel('Session title').fill(options.title);
    await this.page.getByLabel('Participant alias').fill(options.participant);
    if (options.origins !== undefined)
      await this.page.getByLabel('Origins to record').fill(options.origins);
    await this.page.getByRole('button', { name: 'Start session' }).click();
    await this.page.getByRole('button', { name: 'Stop session' }).waitFor();
  }

  origins() {
    return this.page.getByLabel('Origins to record').inputValue();
  }

  async pause() {
    await this.page.getByRole('button', { name: 'Pause' }).click();
    await this.page.getByRole('button', { name: 'Resume' }).waitFor();
  }

  async resume() {
    await this.page.getByRole('button', { name: 'Resume' }).click();
    await this.page.getByRole('button', { name: 'Pause' }).waitFor();
  }

  async stop() {
    await this.page.getByRole('button', { name: 'Stop session' }).click();
    await this.page.getByRole('button', { name: 'Stop session' }).waitFor({ state: 'detached' });
  }

  stat(name: 'elapsed' | 'pages' | 'size') {
    return this.page.getByTestId(name).innerText();
  }

  close() {
    return this.page.close();
  }
}
