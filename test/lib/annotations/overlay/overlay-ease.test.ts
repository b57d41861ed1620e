import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QUICK_SESSION_TAGS } from '@/lib/annotations';
import { createOverlay, type Overlay } from '@/lib/annotations/overlay';
import type { StoredDock } from '@/lib/annotations/overlay/dock-position';
import {
  TASK_UNDO_MS,
  type Ease,
  type OverlayState,
  type SessionCommandResult,
  type SessionRecord,
} from '@/lib/contracts';

const TASKS = [
  { id: 't1', title: 'Find the payout', doneWhen: 'You see the date' },
  { id: 't2', title: 'Export payouts', doneWhen: 'You have a CSV' },
];

type PageWindow = globalThis.Window & typeof globalThis;
let win: PageWindow;
let document: Document;
let overlay: Overlay;
let root: ShadowRoot;
let pageInput: HTMLInputElement;
/** Which task is current, as the background would say. */
let current: number;
let outcomes: [string, string][];
let eases: [string, Ease | null][];
let easeAnswer: SessionCommandResult;
/** The overlay's clock (deps.now). */
let clock: number;
let undone: string[];
let docks: StoredDock[];
let elapsed: number;
let timeBoxMs: number | null;

const ok = { type: 'ok', session: {} as SessionRecord } as const;

function state(): OverlayState {
  const task = TASKS[current];
  return {
    sessionId: 's-1',
    tags: QUICK_SESSION_TAGS,
    counts: {},
    task: task ? { ...task, index: current, total: TASKS.length } : null,
    hotkey: 'Alt+Shift+F',
    status: 'recording',
    elapsedMs: elapsed,
    timeBoxMs,
  };
}

/** Real input (happy-dom has no isTrusted: the test sets it, which a page cannot). */
function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}
function press(key: string, { forged = false } = {}): KeyboardEvent {
  const event = new win.KeyboardEvent('keydown', {
    key,
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  const target = root.activeElement ?? document.activeElement ?? document.body;
  target.dispatchEvent(forged ? event : trusted(event));
  return event;
}
/** A press of the mouse on a button that has been in its place for a while, as a person makes it. */
function click(button: HTMLElement, { forged = false } = {}) {
  clock += 1_000;
  const down = new win.PointerEvent('pointerdown', { bubbles: true, composed: true, button: 0 });
  const event = new win.MouseEvent('click', {
    bubbles: true,
    cancelable: true,
    composed: true,
    detail: 1,
  });
  button.dispatchEvent(forged ? down : trusted(down));
  button.dispatchEvent(forged ? event : trusted(event));
}

const panel = () => root.querySelector<HTMLElement>('.sg-task')!;
const question = () => root.querySelector<HTMLElement>('.sg-ease')!;
const buttonNamed = (name: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) =>
      (b.getAttribute('aria-label') ?? b.textContent)?.startsWith(name) && !b.closest('[hidden]'),
  )!;
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

async function finish(name: 'Done' | 'Give up') {
  click(buttonNamed(name));
  await vi.waitFor(() => expect(question().hidden).toBe(false));
}

beforeEach(async () => {
  win = new Window({ url: 'https://app.example/payouts' }) as unknown as PageWindow;
  document = win.document;
  vi.stubGlobal('document', document);
  document.body.innerHTML = '<input id="page-input">';
  pageInput = document.getElementById('page-input') as HTMLInputElement;
  const host = document.createElement('sg-overlay');
  document.body.append(host);
  root = host.attachShadow({ mode: 'closed' });
  const container = document.createElement('div');
  root.append(container);
  current = 0;
  outcomes = [];
  eases = [];
  easeAnswer = ok;
  clock = 1_000;
  undone = [];
  docks = [];
  elapsed = 0;
  timeBoxMs = null;
  overlay = createOverlay({
    container,
    host,
    win,
    now: () => clock,
    context: () => ({
      sessionId: 's-1',
      segmentId: 'seg-1',
      privacy: { blockSelector: '.sg-block', maskTextSelector: '.sg-mask' },
    }),
    loadState: async () => state(),
    save: async () => ({ type: 'ok', annotationId: 'a-1', screenshot: 'none' }),
    finishTask: async (_sessionId, taskId, outcome) => {
      outcomes.push([taskId, outcome]);
      current++;
      return ok;
    },
    rateTask: async (_sessionId, taskId, ease) => {
      eases.push([taskId, ease]);
      return easeAnswer;
    },
    undoTask: async (_sessionId, taskId) => {
      undone.push(taskId);
      current--;
      return ok;
    },
    loadDock: async () => null,
    saveDock: (dock) => docks.push(dock),
  });
  await overlay.refresh();
});
afterEach(() => {
  overlay.destroy();
  vi.unstubAllGlobals();
});

describe('overlay task ease', () => {
  it('asks the Single Ease Question once a task is done, with the question as its name and focus on it', async () => {
    expect(question().hidden).toBe(true);
    await finish('Done');
    expect(outcomes).toEqual([['t1', 'done']]);
    expect(root.activeElement).toBe(question());
    expect(question().getAttribute('role')).toBe('group');
    const labelled = root.getElementById(question().getAttribute('aria-labelledby')!);
    expect(labelled?.textContent).toBe('Overall, how difficult or easy was this task?');
    const described = root.getElementById(question().getAttribute('aria-describedby')!);
    expect(described?.textContent).toBe('Done: Find the payout');
    const scale = [...question().querySelectorAll('.sg-ease-value')].map(
      (b) => b.getAttribute('aria-label') ?? b.textContent,
    );
    expect(scale).toEqual(['1: Very difficult', '2', '3', '4', '5', '6', '7: Very easy']);
  });

  it('a digit from the keyboard answers; then the next task shows', async () => {
    await finish('Done');
    const event = press('6');
    await settle();
    expect(event.defaultPrevented).toBe(true);
    expect(eases).toEqual([['t1', 6]]);
    expect(question().hidden).toBe(true);
    expect(panel().textContent).toContain('Export payouts');
  });

  it('Escape skips, also after a task given up', async () => {
    await finish('Give up');
    expect(root.getElementById('sg-ease-task')?.textContent).toBe('Gave up: Find the payout');
    press('Escape');
    await settle();
    expect(eases).toEqual([['t1', null]]);
    expect(question().hidden).toBe(true);
  });

  it('the buttons answer and skip with the mouse', async () => {
    await finish('Done');
    click(buttonNamed('2'));
    await settle();
    await finish('Done');
    click(buttonNamed('Skip'));
    await settle();
    expect(eases).toEqual([
      ['t1', 2],
      ['t2', null],
    ]);
    // The last task ended and was answered: nothing left to show.
    expect(panel().hidden).toBe(true);
  });

  it('ignores answers the page forges, by key or by click', async () => {
    await finish('Done');
    const forged = press('3', { forged: true });
    click(buttonNamed('4'), { forged: true });
    press('Escape', { forged: true });
    await settle();
    expect(eases).toEqual([]);
    expect(forged.defaultPrevented).toBe(false);
    expect(question().hidden).toBe(false);
  });

  it('leaves digits typed into the page to the page', async () => {
    await finish('Done');
    pageInput.focus();
    const typed = press('5');
    await settle();
    expect(typed.defaultPrevented).toBe(false);
    expect(eases).toEqual([]);
    expect(question().hidden).toBe(false);
  });

  it('a second press of Done while the first is on its way ends nothing more', async () => {
    click(buttonNamed('Done'));
    click(buttonNamed('Done'));
    await vi.waitFor(() => expect(question().hidden).toBe(false));
    await settle();
    expect(outcomes).toEqual([['t1', 'done']]);
  });

  it('never ends the next task when the popup ended the one it shows', async () => {
    current = 1; // ended in the popup; the panel has not caught up yet
    expect(panel().textContent).toContain('Find the payout');
    click(buttonNamed('Done'));
    await vi.waitFor(() => expect(panel().textContent).toContain('Export payouts'));
    expect(outcomes).toEqual([]);
    expect(question().hidden).toBe(true);
    expect(root.querySelector('.sg-toast')?.textContent).toBe('That task has already ended.');
  });

  it('keeps asking when the answer was not stored, and says why', async () => {
    easeAnswer = { type: 'error', message: 'This session has ended.' };
    await finish('Done');
    press('5');
    await settle();
    expect(eases).toEqual([['t1', 5]]);
    expect(question().hidden).toBe(false);
    expect(root.querySelector('.sg-toast')?.textContent).toBe('This session has ended.');
  });

  it('the palette keeps its own digits while it is open over the question', async () => {
    await finish('Done');
    const hotkey = new win.KeyboardEvent('keydown', {
      key: 'F',
      code: 'KeyF',
      altKey: true,
      shiftKey: true,
      bubbles: true,
      cancelable: true,
      composed: true,
    });
    question().dispatchEvent(trusted(hotkey));
    await vi.waitFor(() =>
      expect(root.querySelector<HTMLElement>('.sg-palette')!.hidden).toBe(false),
    );
    press(QUICK_SESSION_TAGS[0]!.key);
    expect(root.querySelector('#sg-palette-title')?.textContent).toBe(QUICK_SESSION_TAGS[0]!.label);
    expect(eases).toEqual([]);
  });
});

describe('undo and stray presses', () => {
  const undoRow = () => root.querySelector<HTMLElement>('.sg-undo')!;

  it('offers Undo for a few seconds after Done; Undo takes the outcome back and shows the task again', async () => {
    await finish('Done');
    expect(undoRow().hidden).toBe(false);
    expect(undoRow().textContent).toContain('Marked done');
    click(buttonNamed('Undo'));
    await vi.waitFor(() => expect(undone).toEqual(['t1']));
    await vi.waitFor(() => expect(question().hidden).toBe(true));
    expect(panel().textContent).toContain('Find the payout');
    expect(root.querySelector('.sg-toast')?.textContent).toBe(
      'Undone: “Find the payout” is the current task again.',
    );
  });

  it('no Undo once its time is over: the outcome stays', async () => {
    await finish('Give up');
    expect(undoRow().textContent).toContain('Marked as given up');
    clock += TASK_UNDO_MS;
    await overlay.refresh();
    expect(undoRow().hidden).toBe(true);
    expect(undone).toEqual([]);
    expect(outcomes).toEqual([['t1', 'gave-up']]);
  });

  it('a press on Done that began elsewhere, or came right after the panel appeared, does nothing', async () => {
    const done = buttonNamed('Done');
    // A click without a press on the button (the press began on the page, say).
    done.dispatchEvent(
      trusted(new win.MouseEvent('click', { bubbles: true, composed: true, detail: 1 })),
    );
    await settle();
    expect(outcomes).toEqual([]);
    // Keyboard activation counts only on the focused button.
    done.dispatchEvent(trusted(new win.MouseEvent('click', { bubbles: true, composed: true })));
    await settle();
    expect(outcomes).toEqual([]);
    done.focus();
    done.dispatchEvent(trusted(new win.MouseEvent('click', { bubbles: true, composed: true })));
    await vi.waitFor(() => expect(outcomes).toEqual([['t1', 'done']]));
    // The question took Done's place: a second click of a double click lands on it and is ignored.
    await vi.waitFor(() => expect(question().hidden).toBe(false));
    const value = buttonNamed('3');
    value.dispatchEvent(
      trusted(new win.PointerEvent('pointerdown', { bubbles: true, composed: true, button: 0 })),
    );
    value.dispatchEvent(
      trusted(new win.MouseEvent('click', { bubbles: true, composed: true, detail: 2 })),
    );
    await settle();
    expect(eases).toEqual([]);
  });

  it('folds the task into the badge, which then names it, and remembers that', async () => {
    const toggle = root.querySelector<HTMLButtonElement>('.sg-task-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent).toBe('Task 1 of 2');
    click(toggle);
    expect(panel().hidden).toBe(true);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.textContent).toBe('Task 1 of 2: Find the payout');
    expect(docks.at(-1)).toMatchObject({ sessionId: 's-1', collapsed: true });
  });

  it('says paused in the page and keeps tagging closed meanwhile', async () => {
    overlay.setPaused(true);
    expect(root.querySelector('.sg-badge-label')?.textContent).toBe('Paused — not recording');
    expect(root.querySelector<HTMLElement>('.sg-state-hint')!.hidden).toBe(false);
    expect(root.querySelector<HTMLElement>('.sg-tag-button')!.hidden).toBe(true);
    await overlay.open();
    expect(root.querySelector<HTMLElement>('.sg-palette')!.hidden).toBe(true);
    overlay.setPaused(false);
    expect(root.querySelector('.sg-badge-label')?.textContent).toBe('Recording');
  });

  it('says over time in words once the time box has passed', async () => {
    timeBoxMs = 60_000;
    elapsed = 59_000;
    await overlay.refresh();
    const clockText = () => root.querySelector('.sg-clock')?.textContent;
    expect(clockText()).toBe('00:59 / 01:00');
    // The badge's clock runs on by itself, from the last state read.
    clock += 2_000;
    await vi.waitFor(() => expect(clockText()).toBe('Over time · 01:01 / 01:00'), {
      timeout: 2_000,
    });
    expect(root.querySelector('.sg-toast')?.textContent).toBe(
      'Over the time box. Finish when you are ready.',
    );
  });
});
