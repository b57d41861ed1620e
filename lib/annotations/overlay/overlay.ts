import { createActivationGuard } from './activation';
import { measureCover } from './cover-boxes';
import {
  anchorFor,
  DEFAULT_DOCK,
  fitDock,
  parseStoredDock,
  type DockState,
  type StoredDock,
} from './dock-position';
import { describeElement } from './element-descriptor';
import { pagePrivacy } from './page-privacy';
import { createSeeThrough } from './see-through';
import { onTrusted } from './trusted';
import { formatDuration } from '../../format';
import { EASE_ENDS, EASE_QUESTION, EASE_VALUES, TASK_UNDO_MS } from '../../contracts';
import type {
  AnnotationRequest,
  AnnotationResult,
  Ease,
  FrictionTag,
  OverlayState,
  PinnedElement,
  RecorderPrivacy,
  SessionCommandResult,
  Severity,
} from '../../contracts';

export interface OverlayDeps {
  /** Inside the shadow root; everything is built here. */
  container: HTMLElement;
  /** The shadow host in the page, never itself a pointing target. */
  host: HTMLElement;
  win: Window & typeof globalThis;
  now(): number;
  /** Current session, segment and privacy selectors, from the recorder. */
  context(): { sessionId: string; segmentId: string | null; privacy: RecorderPrivacy } | null;
  loadState(sessionId: string): Promise<OverlayState | null>;
  save(request: AnnotationRequest): Promise<AnnotationResult>;
  finishTask(
    sessionId: string,
    taskId: string,
    outcome: 'done' | 'gave-up',
  ): Promise<SessionCommandResult>;
  /** The Single Ease Question answer for a task that ended; null when skipped. */
  rateTask(sessionId: string, taskId: string, ease: Ease | null): Promise<SessionCommandResult>;
  /** Takes back the outcome just given (within TASK_UNDO_MS). */
  undoTask(sessionId: string, taskId: string): Promise<SessionCommandResult>;
  /** Where the participant put the overlay this session (OVERLAY_DOCK_KEY), read without the worker. */
  loadDock(): Promise<unknown>;
  saveDock(dock: StoredDock): void;
}

const SEVERITIES: { value: Severity; label: string }[] = [
  { value: 1, label: 'Minor' },
  { value: 2, label: 'Major' },
  { value: 3, label: 'Blocker' },
];

type Step = 'closed' | 'tags' | 'details' | 'pointing' | 'saving';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

const nextFrame = (win: Window) =>
  new Promise<void>((resolve) => win.requestAnimationFrame(() => resolve()));

/** A task that ended here, while its ease question is showing. */
interface AskingEase {
  sessionId: string;
  taskId: string;
  title: string;
  outcome: 'done' | 'gave-up';
  /** Until when Undo is offered. */
  undoUntil: number;
}

/** Arrow keys on the move handle move the badge this far (with Shift, four times as far). */
const KEY_STEP_PX = 16;

const NOT_ANSWERED = 'Study Group did not answer; try again.';

/**
 * The in-page overlay: a small badge with the recording state, elapsed time
 * and the current task, the task panel attached to it, and the tagging
 * palette. Badge and panel move together (drag the handle, or arrow keys on
 * it), the panel folds into the badge, and both stay where they were put
 * for the rest of the session. Keyboard first: hotkey, a digit picks the
 * tag, 1-3 the severity, P points at an element, Enter saves, Escape
 * cancels; focus returns to the page element that had it. When a task ends
 * here, Undo is offered for a few seconds and the panel asks how easy it
 * was: 1-7 answer, Escape skips.
 */
export function createOverlay(deps: OverlayDeps) {
  const { container, win, host } = deps;
  const doc = win.document;
  let state: OverlayState | null = null;
  /** When `state` was read: the clock runs on from its elapsed time. */
  let stateAt = 0;
  let paused = false;
  let dock: DockState = DEFAULT_DOCK;
  let dragging = false;
  let step: Step = 'closed';
  let openedAt = 0;
  let tag: FrictionTag | null = null;
  let severity: Severity = 1;
  let target: PinnedElement | null = null;
  let returnFocus: Element | null = null;
  /** The note typed before pointing, restored after. */
  let pendingNote = '';
  let asking: AskingEase | null = null;
  /** A task outcome or an answer on its way: a second press waits for it. */
  let sending = false;
  /** The page element that had focus before the task panel took it. */
  let taskReturnFocus: HTMLElement | null = null;
  /** Whether the time box was already over when last shown: the crossing is announced once. */
  let wasOver: boolean | null = null;
  const root = container.getRootNode() as ShadowRoot;
  const guard = createActivationGuard({ now: deps.now, root });

  // Badge
  const count = el('span', { className: 'sg-count' });
  const grip = el('button', { type: 'button', className: 'sg-grip' }, '⋮⋮');
  grip.setAttribute('aria-label', 'Move');
  grip.setAttribute('aria-describedby', 'sg-grip-hint');
  grip.title = 'Drag to move, or use the arrow keys';
  const gripHint = el(
    'span',
    { id: 'sg-grip-hint', hidden: true },
    'Drag, or use the arrow keys; Home puts it back in its corner.',
  );
  const tagButton = el('button', { type: 'button', className: 'sg-tag-button' }, 'Tag friction');
  const hotkey = el('kbd', { hidden: true });
  tagButton.append(hotkey);
  const stateLabel = el('strong', { className: 'sg-badge-label' }, 'Recording');
  const stateHint = el(
    'span',
    { className: 'sg-state-hint', hidden: true },
    'Resume from the Study Group button in the toolbar',
  );
  const clock = el('span', { className: 'sg-clock', hidden: true });
  const taskToggle = el('button', { type: 'button', className: 'sg-task-toggle', hidden: true });
  taskToggle.setAttribute('aria-controls', 'sg-task-panel');
  const badge = el(
    'div',
    { className: 'sg-badge', role: 'region' },
    grip,
    gripHint,
    el('span', { className: 'sg-dot', ariaHidden: 'true' }),
    el('span', { className: 'sg-state' }, stateLabel, stateHint),
    clock,
    taskToggle,
    count,
    tagButton,
  );
  badge.setAttribute('aria-label', 'Study Group recording');

  // Current task of the study, beside the badge.
  const taskTitle = el('p', { className: 'sg-task-title' });
  const doneButton = el('button', { type: 'button' }, 'Done');
  const giveUpButton = el('button', { type: 'button', className: 'sg-secondary' }, 'Give up');
  const taskView = el(
    'div',
    {},
    taskTitle,
    el('div', { className: 'sg-row' }, doneButton, giveUpButton),
  );

  // Undo, then the Single Ease Question, in the task panel once a task ends.
  const undoText = el('span', { id: 'sg-undo-text' });
  const undoButton = el('button', { type: 'button', className: 'sg-undo-button' }, 'Undo');
  const undoRow = el('div', { className: 'sg-undo', hidden: true }, undoText, undoButton);
  const easeTask = el('p', { className: 'sg-ease-task', id: 'sg-ease-task' });
  const easeScale = el('div', { className: 'sg-ease-scale' });
  for (const value of EASE_VALUES) {
    const button = el('button', { type: 'button', className: 'sg-ease-value' }, String(value));
    const end = value === 1 || value === 7 ? EASE_ENDS[value] : null;
    if (end) button.setAttribute('aria-label', `${value}: ${end}`);
    guard.on(button, () => void answerEase(value));
    easeScale.append(button);
  }
  const skipButton = el('button', { type: 'button', className: 'sg-secondary' }, 'Skip');
  skipButton.append(el('kbd', {}, 'Esc'));
  guard.on(skipButton, () => void answerEase(null));
  const easeEnds = el(
    'div',
    { className: 'sg-ease-ends' },
    el('span', {}, EASE_ENDS[1]),
    el('span', {}, EASE_ENDS[7]),
  );
  easeEnds.setAttribute('aria-hidden', 'true');
  const easeView = el(
    'div',
    { className: 'sg-ease', role: 'group', tabIndex: -1, hidden: true },
    undoRow,
    el('p', { className: 'sg-ease-question', id: 'sg-ease-question' }, EASE_QUESTION),
    easeTask,
    easeScale,
    easeEnds,
    el(
      'div',
      { className: 'sg-ease-footer' },
      el('span', { className: 'sg-hint' }, 'Press 1–7 to answer.'),
      skipButton,
    ),
  );
  easeView.setAttribute('aria-labelledby', 'sg-ease-question');
  easeView.setAttribute('aria-describedby', 'sg-ease-task');

  const taskPanel = el(
    'div',
    { className: 'sg-task', id: 'sg-task-panel', hidden: true, tabIndex: -1 },
    taskView,
    easeView,
  );
  taskPanel.setAttribute('role', 'region');
  taskPanel.setAttribute('aria-label', 'Current task');

  // Palette
  const heading = el('h2', { id: 'sg-palette-title' });
  const body = el('div', { className: 'sg-body' });
  const palette = el(
    'div',
    { className: 'sg-palette', role: 'dialog', hidden: true },
    heading,
    body,
  );
  palette.setAttribute('aria-modal', 'true');
  palette.setAttribute('aria-labelledby', 'sg-palette-title');

  // Palette, panel and badge move as one; the badge is what is anchored.
  const dockEl = el('div', { className: 'sg-dock' }, palette, taskPanel, badge);
  const highlight = el('div', { className: 'sg-highlight', hidden: true });
  // Takes every pointer event while pointing: the page's elements never get
  // the pinning click (nor its press), so nothing on the page reacts to it.
  const pointLayer = el('div', { className: 'sg-point-layer', hidden: true });
  const toast = el('div', { className: 'sg-toast', role: 'status' });
  container.append(dockEl, pointLayer, highlight, toast);
  /** Listeners outside the container, removed on destroy. */
  const stopListening: (() => void)[] = [];
  const seeThrough = createSeeThrough({
    dock: dockEl,
    win,
    allowed: () => step === 'closed' && !dragging,
  });

  const viewport = () => ({ width: win.innerWidth, height: win.innerHeight });

  function applyDock() {
    const box = badge.getBoundingClientRect();
    const at = fitDock(dock, box, viewport());
    const style = dockEl.style;
    style.left = at.h === 'left' ? `${at.x}px` : 'auto';
    style.right = at.h === 'right' ? `${at.x}px` : 'auto';
    style.top = at.v === 'top' ? `${at.y}px` : 'auto';
    style.bottom = at.v === 'bottom' ? `${at.y}px` : 'auto';
    dockEl.classList.toggle('is-left', at.h === 'left');
    dockEl.classList.toggle('is-top', at.v === 'top');
  }

  function saveDock() {
    const context = deps.context();
    if (context) deps.saveDock({ sessionId: context.sessionId, ...dock });
  }

  /** Puts the badge's top-left corner at (left, top), inside the window. */
  function placeBadge(left: number, top: number) {
    const { width, height } = badge.getBoundingClientRect();
    dock = { ...dock, ...anchorFor({ left, top, width, height }, viewport()) };
    applyDock();
    guard.moved();
  }

  /** Recording time now, from the last state read; frozen while paused. */
  function elapsedNow(): number | null {
    if (!state) return null;
    const running = !paused && state.status === 'recording';
    return state.elapsedMs + (running ? Math.max(0, deps.now() - stateAt) : 0);
  }

  function updateClock() {
    const elapsed = elapsedNow();
    const box = state?.timeBoxMs ?? null;
    clock.hidden = elapsed === null;
    if (elapsed === null) return;
    const over = box !== null && elapsed > box;
    const time =
      box === null
        ? formatDuration(elapsed)
        : `${formatDuration(elapsed)} / ${formatDuration(box)}`;
    clock.textContent = over ? `Over time · ${time}` : time;
    clock.classList.toggle('is-over', over);
    badge.classList.toggle('is-over', over);
    if (over && wasOver === false) say('Over the time box. Finish when you are ready.');
    wasOver = over;
  }

  function updateBadge() {
    hotkey.textContent = state?.hotkey ?? '';
    hotkey.hidden = !state?.hotkey;
    const total = Object.values(state?.counts ?? {}).reduce((a, b) => a + b, 0);
    count.textContent = total ? `${total} noted` : '';
    badge.classList.toggle('is-paused', paused);
    stateLabel.textContent = paused ? 'Paused — not recording' : 'Recording';
    stateHint.hidden = !paused;
    tagButton.hidden = paused;
    badge.setAttribute('aria-label', paused ? 'Study Group, paused' : 'Study Group recording');
    const task = state?.task;
    const wasHidden = taskPanel.hidden;
    taskPanel.hidden = asking === null && (!task || dock.collapsed);
    taskPanel.classList.toggle('is-asking', asking !== null);
    taskView.hidden = asking !== null;
    easeView.hidden = asking === null;
    taskToggle.hidden = !task || asking !== null;
    if (task) {
      const position = `Task ${task.index + 1} of ${task.total}`;
      taskToggle.textContent = dock.collapsed ? `${position}: ${task.title}` : position;
      taskToggle.title = dock.collapsed
        ? `${position}: ${task.title} (show the task)`
        : 'Fold the task into the badge';
      taskToggle.setAttribute('aria-expanded', String(!dock.collapsed));
      dockEl.classList.toggle('is-collapsed', dock.collapsed);
    }
    if (asking) {
      easeTask.textContent = `${asking.outcome === 'done' ? 'Done' : 'Gave up'}: ${asking.title}`;
      const undoable = deps.now() < asking.undoUntil;
      if (!undoable && root.activeElement === undoButton) easeView.focus();
      undoRow.hidden = !undoable;
      undoText.textContent = asking.outcome === 'done' ? 'Marked done' : 'Marked as given up';
    } else if (task) {
      taskTitle.replaceChildren(
        el('span', { className: 'sg-task-count' }, `Task ${task.index + 1} of ${task.total}`),
        el('strong', {}, task.title),
        el('span', { className: 'sg-task-done-when' }, `Done when: ${task.doneWhen}`),
      );
    }
    if (wasHidden !== taskPanel.hidden) guard.moved();
    updateClock();
    applyDock();
  }

  function setState(next: OverlayState | null) {
    if (!next) return;
    state = next;
    stateAt = deps.now();
  }

  async function finishTask(outcome: 'done' | 'gave-up') {
    const context = deps.context();
    const task = state?.task;
    if (!context || !task || asking || sending) return;
    sending = true;
    const result = await endTask(context.sessionId, task.id, outcome);
    sending = false;
    if (result === 'stale') return say('That task has already ended.');
    if (result.type !== 'ok') {
      await refresh();
      return say(result.message);
    }
    // The outcome is stored at once (a page that unloads now keeps it); Undo takes it back.
    asking = {
      sessionId: context.sessionId,
      taskId: task.id,
      title: task.title,
      outcome,
      undoUntil: deps.now() + TASK_UNDO_MS,
    };
    win.setTimeout(updateBadge, TASK_UNDO_MS + 50);
    setState(await deps.loadState(context.sessionId).catch(() => null));
    updateBadge();
    guard.moved();
    easeView.focus();
  }

  async function undo() {
    const question = asking;
    if (!question || sending || deps.now() >= question.undoUntil) return;
    sending = true;
    const result = await deps
      .undoTask(question.sessionId, question.taskId)
      .catch((): SessionCommandResult => ({ type: 'error', message: NOT_ANSWERED }));
    sending = false;
    if (result.type !== 'ok') {
      updateBadge();
      return say(result.message);
    }
    asking = null;
    setState(await deps.loadState(question.sessionId).catch(() => null));
    updateBadge();
    guard.moved();
    taskPanel.focus();
    say(`Undone: “${question.title}” is the current task again.`);
  }

  async function endTask(
    sessionId: string,
    taskId: string,
    outcome: 'done' | 'gave-up',
  ): Promise<SessionCommandResult | 'stale'> {
    // The popup may have ended this task already: never end the one after it by mistake.
    const fresh = await deps.loadState(sessionId).catch(() => null);
    if (fresh && fresh.task?.id !== taskId) {
      setState(fresh);
      updateBadge();
      return 'stale';
    }
    return deps
      .finishTask(sessionId, taskId, outcome)
      .catch((): SessionCommandResult => ({ type: 'error', message: NOT_ANSWERED }));
  }

  async function answerEase(ease: Ease | null) {
    const question = asking;
    if (!question || sending) return;
    sending = true;
    const result = await deps
      .rateTask(question.sessionId, question.taskId, ease)
      .catch((): SessionCommandResult => ({ type: 'error', message: NOT_ANSWERED }));
    sending = false;
    if (result.type !== 'ok') return say(result.message);
    asking = null;
    updateBadge();
    if (taskReturnFocus?.isConnected) taskReturnFocus.focus();
    else if (!taskPanel.hidden) taskPanel.focus();
    else (root.activeElement as HTMLElement | null)?.blur();
    taskReturnFocus = null;
    if (ease !== null) say('Thanks, answer saved.');
  }

  function say(text: string) {
    toast.textContent = text;
    toast.classList.add('is-visible');
    win.setTimeout(() => toast.classList.remove('is-visible'), 2_500);
  }

  function renderTags() {
    heading.textContent = 'What kind of friction?';
    const list = el('ul', { className: 'sg-tags' });
    for (const t of state?.tags ?? []) {
      const button = el('button', { type: 'button', className: 'sg-tag' });
      button.style.setProperty('--tag-color', t.color);
      button.append(el('kbd', {}, t.key), el('span', {}, t.label));
      onTrusted(button, 'click', () => chooseTag(t));
      list.append(el('li', {}, button));
    }
    body.replaceChildren(
      list,
      el('p', { className: 'sg-hint' }, 'Press a number, or Escape to cancel.'),
    );
    (list.querySelector('button') as HTMLButtonElement | null)?.focus();
  }

  function renderDetails() {
    if (!tag) return;
    heading.textContent = tag.label;
    const group = el('fieldset', { className: 'sg-severity' }, el('legend', {}, 'Severity'));
    for (const s of SEVERITIES) {
      const input = el('input', {
        type: 'radio',
        name: 'sg-severity',
        value: String(s.value),
        checked: s.value === severity,
      });
      onTrusted(input, 'change', () => (severity = s.value));
      group.append(el('label', {}, input, el('kbd', {}, String(s.value)), ` ${s.label}`));
    }
    const note = el('textarea', {
      rows: 2,
      maxLength: 2_000,
      placeholder: 'What happened? (optional)',
    });
    note.className = 'sg-note';
    const noteLabel = el('label', { className: 'sg-note-label' }, 'Note', note);
    const point = el(
      'button',
      { type: 'button', className: 'sg-secondary' },
      target ? 'Point again' : 'Point at it',
    );
    point.append(el('kbd', {}, 'P'));
    onTrusted(point, 'click', startPointing);
    const pinned = el(
      'p',
      { className: 'sg-pinned' },
      target ? `Pinned: ${target.text || target.selector}` : 'No element pinned.',
    );
    const save = el('button', { type: 'button', className: 'sg-primary' }, 'Save');
    save.append(el('kbd', {}, 'Enter'));
    onTrusted(save, 'click', () => void submit());
    const cancel = el('button', { type: 'button', className: 'sg-secondary' }, 'Cancel');
    cancel.append(el('kbd', {}, 'Esc'));
    onTrusted(cancel, 'click', close);
    body.replaceChildren(
      group,
      noteLabel,
      el('div', { className: 'sg-row' }, point, pinned),
      el('div', { className: 'sg-actions' }, cancel, save),
    );
    (group.querySelector('input:checked') as HTMLInputElement | null)?.focus();
  }

  function noteText(): string {
    return (body.querySelector('textarea') as HTMLTextAreaElement | null)?.value ?? '';
  }

  async function open() {
    if (step !== 'closed') return;
    const context = deps.context();
    if (!context) return;
    if (paused) return say('Paused: nothing is recorded. Resume from the toolbar button to tag.');
    seeThrough.restore();
    openedAt = deps.now();
    // Focus inside the closed root shows as the host: the root knows where it is.
    returnFocus = doc.activeElement === host ? root.activeElement : doc.activeElement;
    tag = null;
    severity = 1;
    target = null;
    step = 'tags';
    setState(await deps.loadState(context.sessionId));
    palette.hidden = false;
    renderTags();
  }

  function close() {
    step = 'closed';
    palette.hidden = true;
    highlight.hidden = true;
    body.replaceChildren();
    if (returnFocus instanceof win.HTMLElement && returnFocus.isConnected) returnFocus.focus();
    returnFocus = null;
  }

  function chooseTag(t: FrictionTag) {
    tag = t;
    step = 'details';
    renderDetails();
  }

  // Pointing: hover highlights page elements, a click pins one. The layer
  // lets the hit test through only while it looks beneath itself.
  function elementAt(x: number, y: number): Element | null {
    pointLayer.style.pointerEvents = 'none';
    const found = doc.elementFromPoint(x, y);
    pointLayer.style.pointerEvents = '';
    return found && found !== host && !host.contains(found) ? found : null;
  }
  function onPointMove(event: MouseEvent) {
    const found = elementAt(event.clientX, event.clientY);
    if (!found) return;
    const box = found.getBoundingClientRect();
    Object.assign(highlight.style, {
      left: `${box.x}px`,
      top: `${box.y}px`,
      width: `${box.width}px`,
      height: `${box.height}px`,
    });
    highlight.hidden = false;
  }
  function onPointClick(event: MouseEvent) {
    event.preventDefault();
    event.stopPropagation();
    const found = elementAt(event.clientX, event.clientY);
    const context = deps.context();
    if (found && context) target = describeElement(found, pagePrivacy(context.privacy));
    stopPointing();
  }
  function startPointing() {
    const note = noteText();
    step = 'pointing';
    palette.hidden = true;
    pointLayer.hidden = false;
    say('Click the element this is about. Escape to go back.');
    pendingNote = note;
  }
  function stopPointing() {
    pointLayer.hidden = true;
    highlight.hidden = true;
    step = 'details';
    palette.hidden = false;
    renderDetails();
    const note = body.querySelector('textarea') as HTMLTextAreaElement | null;
    if (note) note.value = pendingNote;
  }

  async function submit() {
    const context = deps.context();
    if (!tag || !context || step !== 'details') return;
    const note = noteText();
    const saved = tag;
    step = 'saving';
    // Hidden for the screenshot, which the background takes while saving.
    // Not on the host: WXT resets it with `all: initial !important`.
    container.style.visibility = 'hidden';
    await nextFrame(win);
    await nextFrame(win);
    let result: AnnotationResult;
    try {
      const request: AnnotationRequest = {
        sessionId: context.sessionId,
        segmentId: context.segmentId,
        ts: openedAt,
        url: win.location.href,
        tagId: saved.id,
        severity,
        note,
        target,
        // Measured as the page looks now, just before the capture.
        cover: measureCover(win, pagePrivacy(context.privacy), host),
      };
      result = await deps.save(request);
    } catch {
      result = { type: 'error', message: 'Study Group did not answer; the tag was not saved.' };
    }
    container.style.visibility = '';
    close();
    if (result.type === 'ok') {
      setState(await deps.loadState(context.sessionId));
      updateBadge();
      say(`Saved: ${saved.label}`);
    } else say(result.message);
  }

  // Trusted events only (onTrusted): a page that forges key presses opens nothing and saves nothing.
  function onKeyDown(event: KeyboardEvent) {
    if (event.altKey && event.shiftKey && event.code === 'KeyF') {
      // Fallback when the extension command is not bound to this key.
      event.preventDefault();
      void open();
      return;
    }
    // The shadow root is closed: composedPath() hides its nodes from this
    // window listener, but the root itself knows what has focus.
    if (step === 'closed' && asking && easeView.contains(root.activeElement)) {
      onEaseKey(event);
      return;
    }
    if (step === 'closed' || step === 'saving') return;
    const inNote = root.activeElement instanceof win.HTMLTextAreaElement;
    let handled = true;
    if (event.key === 'Escape') {
      if (step === 'pointing') stopPointing();
      else close();
    } else if (step === 'tags') {
      const t = state?.tags.find((x) => x.key === event.key);
      if (t) chooseTag(t);
      else handled = false;
    } else if (step === 'details' && event.key === 'Enter' && !event.shiftKey) {
      void submit();
    } else if (step === 'details' && !inNote && ['1', '2', '3'].includes(event.key)) {
      severity = Number(event.key) as Severity;
      const radio = body.querySelector(`input[value="${event.key}"]`) as HTMLInputElement | null;
      if (radio) {
        radio.checked = true;
        radio.focus();
      }
    } else if (step === 'details' && !inNote && (event.key === 'p' || event.key === 'P')) {
      startPointing();
    } else handled = false;
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  /** Only while the question has focus: a digit typed into the page is the page's. */
  function onEaseKey(event: KeyboardEvent) {
    const ease = EASE_VALUES.find((v) => String(v) === event.key);
    if (event.key !== 'Escape' && ease === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    if (!event.repeat) void answerEase(ease ?? null);
  }

  // Dragging the badge by its handle: the panel and palette come along.
  function onGripDown(event: PointerEvent) {
    if (event.button !== 0) return;
    event.preventDefault();
    // Kept from the press by preventDefault: the handle takes focus for the arrow keys.
    grip.focus({ preventScroll: true });
    const box = badge.getBoundingClientRect();
    const dx = event.clientX - box.left;
    const dy = event.clientY - box.top;
    dragging = true;
    seeThrough.restore();
    const stopMove = onTrusted<PointerEvent>(win, 'pointermove', (e) =>
      placeBadge(e.clientX - dx, e.clientY - dy),
    );
    const stopUp = onTrusted(win, 'pointerup', () => {
      stopMove();
      stopUp();
      dragging = false;
      saveDock();
    });
  }

  function onGripKey(event: KeyboardEvent) {
    const px = event.shiftKey ? KEY_STEP_PX * 4 : KEY_STEP_PX;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-px, 0],
      ArrowRight: [px, 0],
      ArrowUp: [0, -px],
      ArrowDown: [0, px],
    };
    const move = moves[event.key];
    if (event.key === 'Home') {
      dock = { ...DEFAULT_DOCK, collapsed: dock.collapsed };
      applyDock();
      guard.moved();
    } else if (move) {
      const box = badge.getBoundingClientRect();
      placeBadge(box.left + move[0], box.top + move[1]);
    } else return;
    event.preventDefault();
    event.stopPropagation();
    saveDock();
  }

  function toggleTask() {
    dock = { ...dock, collapsed: !dock.collapsed };
    updateBadge();
    saveDock();
  }

  async function refresh() {
    const context = deps.context();
    if (context) setState(await deps.loadState(context.sessionId));
    updateBadge();
  }
  // The popup may have ended a task meanwhile: the panel catches up when the participant comes back to it.
  const catchUp = () => void refresh().catch(() => undefined);

  onTrusted(tagButton, 'click', () => void open());
  guard.on(doneButton, () => void finishTask('done'));
  guard.on(giveUpButton, () => void finishTask('gave-up'));
  guard.on(undoButton, () => void undo());
  onTrusted(taskToggle, 'click', toggleTask);
  onTrusted(taskPanel, 'pointerenter', catchUp);
  onTrusted<FocusEvent>(taskPanel, 'focusin', (event) => {
    if (!asking) catchUp();
    const from = event.relatedTarget;
    if (from instanceof win.Node && container.contains(from)) return;
    taskReturnFocus = from instanceof win.HTMLElement && from !== host ? from : null;
  });
  onTrusted(grip, 'pointerdown', onGripDown);
  onTrusted(grip, 'keydown', onGripKey);
  onTrusted(pointLayer, 'mousemove', onPointMove);
  // No focus change or text selection from the press that starts the pinning click.
  onTrusted<MouseEvent>(pointLayer, 'mousedown', (event) => {
    event.preventDefault();
    event.stopPropagation();
  });
  onTrusted(pointLayer, 'click', onPointClick);
  stopListening.push(onTrusted(win, 'keydown', onKeyDown, true));
  stopListening.push(onTrusted(win, 'focus', catchUp));
  stopListening.push(onTrusted(win, 'resize', applyDock));
  stopListening.push(
    onTrusted(doc, 'visibilitychange', () => doc.visibilityState === 'visible' && catchUp()),
  );
  const ticker = win.setInterval(updateClock, 1_000);
  stopListening.push(() => win.clearInterval(ticker));
  stopListening.push(() => seeThrough.destroy());

  return {
    open,
    refresh,
    /** Puts the overlay where the participant left it this session; before it is shown. */
    async restoreDock() {
      const context = deps.context();
      const raw = await deps.loadDock().catch(() => null);
      dock = (context && parseStoredDock(raw, context.sessionId)) ?? DEFAULT_DOCK;
      updateBadge();
    },
    /** The recorder paused or resumed: the page says so at once. */
    setPaused(next: boolean) {
      if (paused === next) return;
      // The clock stops (or starts) where it is now.
      const elapsed = elapsedNow();
      if (state && elapsed !== null)
        setState({ ...state, elapsedMs: elapsed, status: next ? 'paused' : 'recording' });
      paused = next;
      if (paused && step !== 'closed') close();
      updateBadge();
      void refresh().catch(() => undefined);
    },
    destroy() {
      stopListening.splice(0).forEach((stop) => stop());
      container.replaceChildren();
    },
  };
}

export type Overlay = ReturnType<typeof createOverlay>;
