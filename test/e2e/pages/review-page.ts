import type { Download, Frame, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../support/extension';

export class ReviewPage {
  private constructor(readonly page: Page) {}

  static async open(ext: ExtensionBrowser): Promise<ReviewPage> {
    const page = await ext.context.newPage();
    await page.goto(ext.url('/review.html'));
    await page.getByRole('heading', { name: 'Study Group · Sessions' }).waitFor();
    return new ReviewPage(page);
  }

  rows() {
    return this.page.locator('table.sessions tbody tr');
  }

  async exportAll(): Promise<Download> {
    await this.page.getByRole('checkbox', { name: 'Select all sessions' }).check();
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Export bundle' }).click(),
    ]);
    return download;
  }

  /** Import a file and return the status or alert text it produced. */
  async importFile(file: {
    name: string;
    mimeType: string;
    buffer: Buffer;
  }): Promise<{ ok: boolean; text: string }> {
    await this.page
      .getByRole('button', { name: 'Dismiss' })
      .click({ timeout: 500 })
      .catch(() => undefined);
    await this.page.getByTestId('import-input').setInputFiles(file);
    const notice = this.page.locator('[role=status].notice, [role=alert].notice');
    await notice.waitFor({ timeout: 60_000 });
    return { ok: (await notice.getAttribute('role')) === 'status', text: await notice.innerText() };
  }

  async openSession(title: string) {
    await this.selectSession(title);
    await this.waitForReplay();
  }

  /** Show a session's details, whether or not it has anything to replay. */
  selectSession(title: string) {
    return this.page.getByRole('button', { name: title, exact: true }).click();
  }

  /** The sandboxed replay frame, which holds rrweb's replayer (the controls are in the review page). */
  player() {
    return this.page.frameLocator('iframe.player__frame');
  }

  /** The replay frame as a Playwright frame (to evaluate in it). */
  async playerFrame(): Promise<Frame> {
    const frame = await (
      await this.page.locator('iframe.player__frame').elementHandle()
    )?.contentFrame();
    if (!frame) throw new Error('no replay frame');
    return frame;
  }

  /** The replayed page: rrweb's iframe inside the replay frame. */
  replayedPage() {
    return this.player().frameLocator('.replayer-wrapper iframe');
  }

  waitForReplay() {
    return this.player().locator('.replayer-wrapper iframe').waitFor({ state: 'attached' });
  }

  async play() {
    await this.page
      .getByRole('group', { name: 'Replay controls' })
      .getByRole('button', { name: 'Play' })
      .click();
  }

  /** Text of the replayed page inside rrweb's iframe. */
  async replayText(): Promise<string> {
    const body = this.replayedPage().locator('body');
    await body.waitFor({ state: 'attached' });
    return body.innerText();
  }

  async deleteSession(title: string) {
    await this.selectSession(title);
    await this.page.getByRole('button', { name: 'Delete', exact: true }).click();
    await this.page.getByRole('button', { name: 'Delete session' }).click();
    await this.page
      .getByRole('button', { name: title, exact: true })
      .waitFor({ state: 'detached' });
  }
}
