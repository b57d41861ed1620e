import type { Page } from 'playwright-core';
import {
  openPopup,
  proposedOrigins,
  startQuickSession,
  stopSession,
} from '../../../scripts/popup-driver.mjs';
import type { ExtensionBrowser } from '../support/extension';

/**
 * The toolbar popup, opened as a tab. It acts on the most recently used web
 * tab when it is itself the active tab (see lib/sessions/target-tab.ts).
 */
export class PopupPage {
  private constructor(readonly page: Page) {}

  static async open(ext: ExtensionBrowser): Promise<PopupPage> {
    return new PopupPage(await openPopup(ext.context, ext.extensionId));
  }

  start(options: { title: string; participant: string; origins?: string }) {
    return startQuickSession(this.page, options);
  }

  origins() {
    return proposedOrigins(this.page);
  }

  async pause() {
    await this.page.getByRole('button', { name: 'Pause' }).click();
    await this.page.getByRole('button', { name: 'Resume' }).waitFor();
  }

  async resume() {
    await this.page.getByRole('button', { name: 'Resume' }).click();
    await this.page.getByRole('button', { name: 'Pause' }).waitFor();
  }

  stop() {
    return stopSession(this.page);
  }

  stat(name: 'elapsed' | 'pages' | 'size') {
    return this.page.getByTestId(name).innerText();
  }

  close() {
    return this.page.close();
  }
}
