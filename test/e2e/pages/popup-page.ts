import type { Download, Page } from 'playwright-core';
import {
  closeSummary,
  openPopup,
  openToolbarPopup,
  popupLayout,
  proposedOrigins,
  startQuickSession,
  stopSession,
} from '../../../scripts/popup-driver.mjs';
import type { ExtensionBrowser } from '../support/extension';

/** A box in the popup's window, in CSS pixels from its top left corner. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The toolbar popup: Chrome's real one (`openReal`), or popup.html in a tab
 * (`open`). The real popup is sized by its content (at most 800x600), acts on
 * the active web tab and closes when another page comes to the front; the
 * tab stays open and acts on the most recently used web tab when it is itself
 * the active tab (see lib/sessions/target-tab.ts).
 */
export class PopupPage {
  private constructor(
    readonly page: Page,
    readonly real: boolean,
  ) {}

  static async open(ext: ExtensionBrowser): Promise<PopupPage> {
    return new PopupPage(await openPopup(ext.context, ext.extensionId), false);
  }

  /** Chrome's toolbar popup, as a click on the extension's button opens it over the front tab. */
  static async openReal(ext: ExtensionBrowser): Promise<PopupPage> {
    return new PopupPage(await openToolbarPopup(ext.context, ext), true);
  }

  /** The popup window's size, its document's size and whether it scrolls. */
  layout() {
    return popupLayout(this.page);
  }

  /** Where a control is in the popup's window (null when it is not rendered). */
  rect(name: string | RegExp, role: 'button' | 'heading' | 'textbox' | 'link' = 'button') {
    return this.page.getByRole(role, { name }).boundingBox() as Promise<Rect | null>;
  }

  /** Whether a box lies wholly inside the popup's window, as it is scrolled now. */
  async onScreen(box: Rect | null): Promise<boolean> {
    if (!box) return false;
    const { width, height } = await this.layout();
    return box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
  }

  /** A picture of the popup at the size it has (the real popup: its own window, nothing around it). */
  screenshot(path: string) {
    return this.page.screenshot({ path });
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
