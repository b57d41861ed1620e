import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { extensionIdOf, readStore } from '../../../scripts/extension-db.mjs';

/**
 * Chrome allows an extension 2 tab captures per second and a tag's screenshot
 * is one: tags saved faster than this would fall back to a picture drawn from
 * the recording.
 */
const CAPTURE_SPACING_MS = 600;
let lastSaveAt = 0;

export interface InsideElement {
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
  shown: boolean;
  /** Its own opacity times its ancestors'. */
  opacity: number;
  pointerEvents: string;
  expanded: string | null;
  className: string;
}

interface DomNode {
  nodeId: number;
  localName?: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

function findNode(node: DomNode, match: (n: DomNode) => boolean): DomNode | null {
  if (match(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findNode(child, match);
    if (found) return found;
  }
  return null;
}

/**
 * Until the tag palette is open in `page`: it then has the focus, and a closed
 * shadow root shows its host as the page's active element.
 */
export function waitForPalette(page: Page, options: { timeout?: number } = {}) {
  return page.waitForFunction(
    () => document.activeElement === document.querySelector('study-group-overlay'),
    undefined,
    options,
  );
}

/**
 * The in-page overlay. Its shadow root is closed, so it is driven the way a
 * person does: the extension's hotkey (a native key event through CDP, which
 * fires commands.onCommand and grants activeTab) and the keyboard. What it did
 * is read from outside: the page's focus moves onto the overlay's host while
 * the palette is open, and a saved tag is in the extension's storage.
 */
export class Overlay {
  private constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly context: BrowserContext,
    private readonly extensionId: string,
  ) {}

  static async attach(context: BrowserContext, page: Page): Promise<Overlay> {
    return new Overlay(
      page,
      await context.newCDPSession(page),
      context,
      await extensionIdOf(context),
    );
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

  /**
   * Reads an element inside the overlay's closed shadow root, as only the
   * browser's debugger can (no page script can): its box, text and state.
   */
  async read(selector: string): Promise<InsideElement | null> {
    // The page may rebuild its DOM between two debugger calls (Swagger UI
    // does as it loads): the node ids read go stale, so read again.
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.readOnce(selector);
      } catch (error) {
        const stale =
          error instanceof Error && /Could not find node|No node with given id/.test(error.message);
        if (!stale || attempt >= 5) throw error;
      }
    }
  }

  private async readOnce(selector: string): Promise<InsideElement | null> {
    const { root } = await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const host = findNode(root, (n) => n.localName === 'study-group-overlay');
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return null;
    const { nodeId } = await this.cdp.send('DOM.querySelector', {
      nodeId: shadow.nodeId,
      selector,
    });
    if (!nodeId) return null;
    const { object } = await this.cdp.send('DOM.resolveNode', { nodeId });
    const { result } = await this.cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      returnByValue: true,
      functionDeclaration: `function () {
        const box = this.getBoundingClientRect();
        const style = getComputedStyle(this);
        let opacity = 1;
        for (let n = this; n && n.nodeType === 1; n = n.parentElement) opacity *= Number(getComputedStyle(n).opacity);
        return {
          x: box.x, y: box.y, width: box.width, height: box.height,
          text: this.innerText,
          shown: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
          opacity,
          pointerEvents: style.pointerEvents,
          expanded: this.getAttribute('aria-expanded'),
          className: this.className,
        };
      }`,
    });
    return result.value as InsideElement;
  }

  /** Waits until `selector` inside the overlay satisfies `check`; returns what it read last. */
  async waitFor(
    selector: string,
    check: (el: InsideElement | null) => boolean,
    timeout = 5_000,
  ): Promise<InsideElement | null> {
    const until = Date.now() + timeout;
    for (;;) {
      const el = await this.read(selector);
      if (check(el)) return el;
      if (Date.now() > until) {
        throw new Error(`overlay ${selector} did not get there: ${JSON.stringify(el)}`);
      }
      await this.page.waitForTimeout(100);
    }
  }

  /** A real mouse press in the middle of an element of the overlay. */
  async click(selector: string) {
    const el = await this.waitFor(selector, (e) => e?.shown === true);
    await this.page.mouse.click(el!.x + el!.width / 2, el!.y + el!.height / 2);
  }

  /**
   * The overlay's DOM and styles as they are now, for axe in a page of its
   * own (axe cannot enter a closed shadow root).
   */
  async snapshotHtml(): Promise<string> {
    const { root } = await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const host = findNode(root, (n) => n.localName === 'study-group-overlay');
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) throw new Error('no overlay in the page');
    const { outerHTML } = await this.cdp.send('DOM.getOuterHTML', { nodeId: shadow.nodeId });
    return outerHTML;
  }

  /** Whether the overlay's host is in the page (its insides are closed to scripts). */
  present() {
    return this.page.evaluate(() => document.querySelector('study-group-overlay') !== null);
  }

  /**
   * Presses the hotkey and waits until the palette is open. The palette asks the
   * background for the tags first; a press while the last tag is still being
   * saved opens nothing, so it is pressed again.
   */
  async openPalette() {
    for (let attempt = 1; ; attempt++) {
      await this.pressHotkey();
      try {
        await waitForPalette(this.page, { timeout: 3_000 });
        return;
      } catch (error) {
        if (attempt === 3) throw new Error('the tag palette did not open', { cause: error });
      }
    }
  }

  /** The participant's own tags stored so far in the extension. */
  private async manualTags() {
    const rows = await readStore<{ kind: string }>(this.context, this.extensionId, 'annotations');
    return rows.filter((a) => a.kind === 'manual').length;
  }

  /** Makes one tag with the keyboard (and the mouse to pin) and waits until it is stored. */
  async tag(options: {
    key: string;
    severity?: 1 | 2 | 3;
    note?: string;
    pinAt?: { x: number; y: number };
    /** Runs while the overlay waits for the pinning click. */
    whilePointing?: () => Promise<unknown>;
  }) {
    const before = await this.manualTags();
    const wait = lastSaveAt + CAPTURE_SPACING_MS - Date.now();
    if (wait > 0) await this.page.waitForTimeout(wait);
    await this.openPalette();
    // Keys and clicks reach the overlay's listeners before CDP answers: no waits between them.
    await this.page.keyboard.press(options.key);
    if (options.severity) await this.page.keyboard.press(String(options.severity));
    if (options.pinAt) {
      await this.page.keyboard.press('p');
      await options.whilePointing?.();
      await this.page.mouse.move(options.pinAt.x, options.pinAt.y);
      await this.page.mouse.click(options.pinAt.x, options.pinAt.y);
    }
    if (options.note) {
      await this.page.keyboard.press('Tab');
      await this.page.keyboard.type(options.note);
    }
    await this.page.keyboard.press('Enter');
    lastSaveAt = Date.now();
    for (let waited = 0; (await this.manualTags()) <= before; waited += 100) {
      if (waited > 10_000) throw new Error(`tag ${options.key} was not stored`);
      await this.page.waitForTimeout(100);
    }
    // The palette closes once the background has answered.
    await this.page.waitForFunction(
      () => document.activeElement !== document.querySelector('study-group-overlay'),
    );
  }
}
