import { measureCover } from './cover-boxes';
import { describeElement } from './element-descriptor';
import { pagePrivacy } from './page-privacy';
import { onTrusted } from './trusted';
import { EASE_ENDS, EASE_QUESTION, EASE_VALUES } from '../../contracts';
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
}

const NOT_ANSWERED = 'Study Group did not answer; try again.';

/**
 * The in-page overlay: a small draggable badge, the current task and the
 * tagging palette. Keyboard first: hotkey, a digit picks the tag, 1-3 the
 * severity, P points at an element, Enter saves, Escape cancels; focus
 * returns to the page element that had it. When a task ends here, the task
 * panel asks how easy it was: 1-7 answer, Escape skips.
 */
export function createOverlay(deps: OverlayDeps) {
  const { container, win, host } = deps;
  const doc = win.document;
  let state: OverlayState | null = null;
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
  const root = container.getRootNode() as ShadowRoot;

  // Badge
  const count = el('span', { className: 'sg-count' });
  const grip = el('span', { className: 'sg-grip', title: 'Drag to move' }, '⋮⋮');
  const tagButton = el('button', { type: 'button', className: 'sg-tag-button' }, 'Tag friction');
  const hotkey = el('kbd', { hidden: true });
  tagButton.append(hotkey);
  const badge = el(
    'div',
    { className: 'sg-badge', role: 'region' },
    grip,
    el('span', { className: 'sg-dot', ariaHidden: 'true' }),
    el('span', { className: 'sg-badge-label' }, 'Recording'),
    count,
    tagButton,
  );
  badge.setAttribute('aria-label', 'Study Group recording');

  // Current task of the study, above the badge.
  const taskTitle = el('p', { className: 'sg-task-title' });
  const doneButton = el('button', { type: 'button' }, 'Done');
  const giveUpButton = el('button', { type: 'button', className: 'sg-secondary' }, 'Give up');
  const taskView = el(
    'div',
    {},
    taskTitle,
    el('div', { className: 'sg-row' }, doneButton, giveUpButton),
  );

  // The Single Ease Question, in the task panel once a task ends.
  const easeTask = el('p', { className: 'sg-ease-task', id: 'sg-ease-task' });
  const easeScale = el('div', { className: 'sg-ease-scale' });
  for (const value of EASE_VALUES) {
    const button = el('button', { type: 'button', className: 'sg-ease-value' }, String(value));
    const end = value === 1 || value === 7 ? EASE_ENDS[value] : null;
    if (end) button.setAttribute('aria-label', `${value}: ${end}`);
    onTrusted(button, 'click', () => void answerEase(value));
    easeScale.append(button);
  }
  const skipButton = el('button', { type: 'button', className: 'sg-secondary' }, 'Skip');
  skipButton.append(el('kbd', {}, 'Esc'));
  onTrusted(skipButton, 'click', () => void answerEase(null));
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
    { className: 'sg-task', hidden: true, tabIndex: -1 },
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

  const highlight = el('div', { className: 'sg-highlight', hidden: true });
  // Takes every pointer event while pointing: the page's elements never get
  // the pinning click (nor its press), so nothing on the page reacts to it.
  const pointLayer = el('div', { className: 'sg-point-layer', hidden: true });
  const toast = el('div', { className: 'sg-toast', role: 'status' });
  container.append(taskPanel, badge, palette, pointLayer, highlight, toast);
  /** Listeners outside the container, removed on destroy. */
  const stopListening: (() => void)[] = [];

  function updateBadge() {
    hotkey.textContent = state?.hotkey ?? '';
    hotkey.hidden = !state?.hotkey;
    const total = Object.values(state?.counts ?? {}).reduce((a, b) => a + b, 0);
    count.textContent = total ? `${total} noted` : '';
    const task = state?.task;
    taskPanel.hidden = !task && !asking;
    taskPanel.classList.toggle('is-asking', asking !== null);
    taskView.hidden = asking !== null;
    easeView.hidden = asking === null;
    if (asking) {
      easeTask.textContent = `${asking.outcome === 'done' ? 'Done' : 'Gave up'}: ${asking.title}`;
    } else if (task) {
      taskTitle.replaceChildren(
        el('span', { className: 'sg-task-count' }, `Task ${task.index + 1} of ${task.total}`),
        el('strong', {}, task.title),
        el('span', { className: 'sg-task-done-when' }, `Done when: ${task.doneWhen}`),
      );
    }
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
    // The outcome is stored; the question only adds to it.
    asking = { sessionId: context.sessionId, taskId: task.id, title: task.title, outcome };
    state = (await deps.loadState(context.sessionId)) ?? state;
    updateBadge();
    easeView.focus();
  }

  async function endTask(
    sessionId: string,
    taskId: string,
    outcome: 'done' | 'gave-up',
  ): Promise<SessionCommandResult | 'stale'> {
    // The popup may have ended this task already: never end the one after it by mistake.
    const fresh = await deps.loadState(sessionId).catch(() => null);
    if (fresh && fresh.task?.id !== taskId) {
      state = fresh;
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
    openedAt = deps.now();
    // Focus inside the closed root shows as the host: the root knows where it is.
    returnFocus = doc.activeElement === host ? root.activeElement : doc.activeElement;
    tag = null;
    severity = 1;
    target = null;
    step = 'tags';
    state = (await deps.loadState(context.sessionId)) ?? state;
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
      state = (await deps.loadState(context.sessionId)) ?? state;
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

  // Dragging the badge by its grip.
  function onGripDown(event: PointerEvent) {
    event.preventDefault();
    const box = badge.getBoundingClientRect();
    const dx = event.clientX - box.left;
    const dy = event.clientY - box.top;
    const move = (e: PointerEvent) => {
      badge.style.left = `${Math.max(0, Math.min(win.innerWidth - box.width, e.clientX - dx))}px`;
      badge.style.top = `${Math.max(0, Math.min(win.innerHeight - box.height, e.clientY - dy))}px`;
      badge.style.right = 'auto';
      badge.style.bottom = 'auto';
    };
    const stopMove = onTrusted(win, 'pointermove', move);
    const stopUp = onTrusted(win, 'pointerup', () => {
      stopMove();
      stopUp();
    });
  }

  async function refresh() {
    const context = deps.context();
    if (context) state = (await deps.loadState(context.sessionId)) ?? state;
    updateBadge();
  }
  // The popup may have ended a task meanwhile: the panel catches up when the participant comes back to it.
  const catchUp = () => void refresh().catch(() => undefined);

  onTrusted(tagButton, 'click', () => void open());
  onTrusted(doneButton, 'click', () => void finishTask('done'));
  onTrusted(giveUpButton, 'click', () => void finishTask('gave-up'));
  onTrusted(taskPanel, 'pointerenter', catchUp);
  onTrusted<FocusEvent>(taskPanel, 'focusin', (event) => {
    if (!asking) catchUp();
    const from = event.relatedTarget;
    if (from instanceof win.Node && container.contains(from)) return;
    taskReturnFocus = from instanceof win.HTMLElement && from !== host ? from : null;
  });
  onTrusted(grip, 'pointerdown', onGripDown);
  onTrusted(pointLayer, 'mousemove', onPointMove);
  // No focus change or text selection from the press that starts the pinning click.
  onTrusted<MouseEvent>(pointLayer, 'mousedown', (event) => {
    event.preventDefault();
    event.stopPropagation();
  });
  onTrusted(pointLayer, 'click', onPointClick);
  stopListening.push(onTrusted(win, 'keydown', onKeyDown, true));
  stopListening.push(onTrusted(win, 'focus', catchUp));
  stopListening.push(
    onTrusted(doc, 'visibilitychange', () => doc.visibilityState === 'visible' && catchUp()),
  );

  return {
    open,
    refresh,
    destroy() {
      stopListening.splice(0).forEach((stop) => stop());
      container.replaceChildren();
    },
  };
}

export type Overlay = ReturnType<typeof createOverlay>;
