import type { Download, Page } from 'playwright-core';
import {
  closeSummary,
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

  /** The ended session's summary, shown after Stop until it is closed. */
  summary() {
    return this.page.getByRole('region', { name: /^Session ended/ });
  }

  summaryStat(name: 'duration' | 'pages' | 'friction' | 'tasks') {
    return this.page.getByTestId(`summary-${name}`).innerText();
  }

  /** Close the summary, as before starting another session; a no-op without one. */
  closeSummary() {
    return closeSummary(this.page);
  }

  /** Click "Save my session for the facilitator" and return the download it starts. */
  async saveSession(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Save my session for the facilitator' }).click(),
    ]);
    return download;
  }

  close() {
    return this.page.close();
  }
}
