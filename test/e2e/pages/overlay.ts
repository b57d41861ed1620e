import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/**
 * The in-page overlay. Its shadow root is closed, so it is driven the way a
 * person does: the extension's hotkey (a native key event through CDP, which
 * fires commands.onCommand and grants activeTab) and the keyboard.
 */
export class Overlay {
  private constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async attach(context: BrowserContext, page: Page): Promise<Overlay> {
    return new Overlay(page, await context.newCDPSession(page));
  }

  /** Alt+Shift+F as the OS would deliver it, to this page in front (commands go to the active tab). */
  async pressHotkey() {
    await this.page.bringToFront();
    for (const type of ['rawKeyDown', 'keyUp'] as const) {
      await this.cdp.send('Input.dispatchKeyEvent', {
        type,
        modifiers: 1 | 8,
        key: 'F',
        code: 'KeyF',
        windowsVirtualKeyCode: 70,
        nativeVirtualKeyCode: 70,
      });
    }
  }

  /** Whether the overlay's host is in the page (its insides are closed to scripts). */
  present() {
    return this.page.evaluate(() => document.querySelector('study-group-overlay') !== null);
  }

  async tag(options: {
    key: string;
    severity?: 1 | 2 | 3;
    note?: string;
    pinAt?: { x: number; y: number };
    /** Runs while the overlay waits for the pinning click. */
    whilePointing?: () => Promise<unknown>;
  }) {
    await this.pressHotkey();
    await this.page.waitForTimeout(300);
    await this.page.keyboard.press(options.key);
    await this.page.waitForTimeout(100);
    if (options.severity) await this.page.keyboard.press(String(options.severity));
    if (options.pinAt) {
      await this.page.keyboard.press('p');
      await options.whilePointing?.();
      await this.page.mouse.move(options.pinAt.x, options.pinAt.y);
      await this.page.mouse.click(options.pinAt.x, options.pinAt.y);
      await this.page.waitForTimeout(100);
    }
    if (options.note) {
      await this.page.keyboard.press('Tab');
      await this.page.keyboard.type(options.note);
    }
    await this.page.keyboard.press('Enter');
    // The closed root hides the "Saved" toast from scripts; give the background time to store.
    await this.page.waitForTimeout(800);
  }
}
