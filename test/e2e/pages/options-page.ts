import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../support/extension';

export class OptionsPage {
  private constructor(readonly page: Page) {}

  static async open(ext: ExtensionBrowser): Promise<OptionsPage> {
    const page = await ext.context.newPage();
    await page.goto(ext.url('/options.html'));
    await page.getByRole('heading', { name: 'Study Group settings' }).waitFor();
    return new OptionsPage(page);
  }

  /** Fill the selector lists and save; returns the status or alert text shown. */
  async savePrivacy(block: string[], mask: string[]): Promise<string> {
    await this.page.getByLabel('Block these elements').fill(block.join('\n'));
    await this.page.getByLabel('Mask the text of these elements').fill(mask.join('\n'));
    await this.page.getByRole('button', { name: 'Save privacy settings' }).click();
    return this.page.locator('.notice').innerText();
  }
}
