import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QUICK_SESSION_TAGS } from '@/lib/annotations';
import { createOverlay, type Overlay } from '@/lib/annotations/overlay';
import type { AnnotationRequest, OverlayState } from '@/lib/contracts';

const STATE: OverlayState = {
  sessionId: 's-1',
  tags: QUICK_SESSION_TAGS,
  counts: {},
  task: null,
  hotkey: 'Alt+Shift+F',
  status: 'recording',
  elapsedMs: 0,
  timeBoxMs: null,
};
const HOTKEY = { key: 'F', code: 'KeyF', altKey: true, shiftKey: true };

/**
 * A key press as the browser makes it from real input. happy-dom has no
 * isTrusted at all (every event reads as untrusted), so the test sets it on
 * the event, which a page cannot do in a browser (isTrusted is unforgeable).
 */
function press(init: KeyboardEventInit, { trusted = true } = {}): KeyboardEvent {
  const event = new win.KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  if (trusted) Object.defineProperty(event, 'isTrusted', { value: true });
  (document.activeElement ?? document.body).dispatchEvent(event);
  return event;
}

type PageWindow = globalThis.Window & typeof globalThis;
let win: PageWindow;
let document: Document;
let overlay: Overlay;
let root: ShadowRoot;
let pageButton: HTMLButtonElement;
let saved: AnnotationRequest[];
let loadState: ReturnType<typeof vi.fn<(sessionId: string) => Promise<OverlayState | null>>>;

beforeEach(() => {
  win = new Window({ url: 'https://app.example/cart' }) as unknown as PageWindow;
  document = win.document;
  // The overlay builds its nodes with the global document, the page's in a content script.
  vi.stubGlobal('document', document);
  document.body.innerHTML = '<button id="page-button">Pay</button>';
  pageButton = document.getElementById('page-button') as HTMLButtonElement;
  pageButton.focus();
  const host = document.createElement('sg-overlay');
  document.body.append(host);
  root = host.attachShadow({ mode: 'closed' });
  const container = document.createElement('div');
  root.append(container);
  saved = [];
  loadState = vi.fn(async () => STATE);
  overlay = createOverlay({
    container,
    host,
    win,
    now: () => 1_000,
    context: () => ({
      sessionId: 's-1',
      segmentId: 'seg-1',
      privacy: { blockSelector: '.sg-block', maskTextSelector: '.sg-mask' },
    }),
    loadState,
    save: async (request) => {
      saved.push(request);
      return { type: 'ok', annotationId: 'a-1', screenshot: 'none' };
    },
    finishTask: async () => ({ type: 'error', message: 'No task in these tests.' }),
    rateTask: async () => ({ type: 'error', message: 'No task in these tests.' }),
    undoTask: async () => ({ type: 'error', message: 'No task in these tests.' }),
    loadDock: async () => null,
    saveDock: () => undefined,
  });
});
afterEach(() => {
  overlay.destroy();
  vi.unstubAllGlobals();
});

const palette = () => root.querySelector<HTMLElement>('.sg-palette')!;
const heading = () => root.querySelector('#sg-palette-title')?.textContent;
const isOpen = () => !palette().hidden;

async function openWithHotkey() {
  press(HOTKEY);
  await vi.waitFor(() => expect(isOpen()).toBe(true));
}

describe('overlay keyboard', () => {
  it('a key press forged by the page opens nothing; the same press from the keyboard opens the tags', async () => {
    const forged = press(HOTKEY, { trusted: false });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(isOpen()).toBe(false);
    expect(loadState).not.toHaveBeenCalled();
    expect(forged.defaultPrevented).toBe(false);

    await openWithHotkey();
    expect(heading()).toBe('What kind of friction?');
    expect([...root.querySelectorAll('.sg-tag span')].map((s) => s.textContent)).toEqual(
      QUICK_SESSION_TAGS.map((t) => t.label),
    );
  });

  it('a digit picks the tag with that key; a forged digit does not', async () => {
    await openWithHotkey();
    const tag = QUICK_SESSION_TAGS[1]!;
    press({ key: tag.key }, { trusted: false });
    expect(heading()).toBe('What kind of friction?');
    press({ key: tag.key });
    expect(heading()).toBe(tag.label);
  });

  it('Escape closes the palette and gives focus back to the page element that had it', async () => {
    await openWithHotkey();
    expect(document.activeElement).not.toBe(pageButton);
    press({ key: 'Escape' });
    expect(isOpen()).toBe(false);
    expect(document.activeElement).toBe(pageButton);
  });

  it('Enter saves the chosen tag, severity and note, then closes', async () => {
    await openWithHotkey();
    const tag = QUICK_SESSION_TAGS[0]!;
    press({ key: tag.key });
    press({ key: '3' });
    root.querySelector('textarea')!.value = 'The coupon field is hidden';
    press({ key: 'Enter' }, { trusted: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(saved).toEqual([]);

    press({ key: 'Enter' });
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({
      sessionId: 's-1',
      segmentId: 'seg-1',
      ts: 1_000,
      url: 'https://app.example/cart',
      tagId: tag.id,
      severity: 3,
      note: 'The coupon field is hidden',
      target: null,
    });
    await vi.waitFor(() =>
      expect(root.querySelector('.sg-toast')?.textContent).toBe(`Saved: ${tag.label}`),
    );
    expect(isOpen()).toBe(false);
  });
});
