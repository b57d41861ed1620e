import type { record as rrwebRecord } from '@rrweb/record';
import type { PagePayload } from '../messaging';
import type { RrwebEvent } from '../storage';
import { BATCH_EVENT, COMMAND_EVENT, type PageCommand } from './page-channel';
import { installPageSignals } from './page-signals';
import { installProbe } from './probe';
import { buildRecordOptions } from './record-options';
import { createTypedValueRedactor } from './typed-values';

type PageWindow = Window & typeof globalThis;

const INSTALLED = Symbol.for('study-group.page-world');
/** A batch is handed over after this many events or this long after its first. */
const MAX_EVENTS = 200;
const MAX_DELAY_MS = 1_000;
const MAX_SELECTOR_CHARS = 60_000;

function parseCommand(detail: unknown): PageCommand | null {
  if (typeof detail !== 'string' || detail.length > 2 * MAX_SELECTOR_CHARS) return null;
  try {
    const command = JSON.parse(detail) as PageCommand;
    if (command.type === 'stop') return command;
    const privacy = command.type === 'start' ? command.privacy : null;
    const ok = (v: unknown) => typeof v === 'string' && v.length <= MAX_SELECTOR_CHARS;
    return privacy && ok(privacy.blockSelector) && ok(privacy.maskTextSelector) ? command : null;
  } catch {
    return null;
  }
}

/**
 * Runs rrweb in the page's own world, as session-replay SDKs do: its
 * prototype hooks (CSSOM insertRule, adoptedStyleSheets, attachShadow) only
 * see the page's calls from here, and rrweb costs ~1.4x more main-thread
 * time in an isolated world. Events leave as one JSON string per batch.
 */
export function installPageWorld(win: PageWindow, record: typeof rrwebRecord): void {
  // One per page load, shared by every run: values typed while paused are still masked after resume.
  const typed = createTypedValueRedactor();
  installProbe(win, typed.redactText);
  const flagged = win as unknown as Record<symbol, boolean>;
  if (flagged[INSTALLED]) return;
  flagged[INSTALLED] = true;

  // Captured now, at document_start, before page scripts can replace them.
  const setTimer = win.setTimeout.bind(win);
  const clearTimer = win.clearTimeout.bind(win);
  const PageCustomEvent = win.CustomEvent;
  const stringify = JSON.stringify;

  let stopRecord: (() => void) | undefined;
  let stopSignals: (() => void) | undefined;
  let events: RrwebEvent[] = [];
  let locations: PagePayload['locations'] = [];
  let timer: number | null = null;
  let lastHref = '';

  function handOver() {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (events.length === 0 && locations.length === 0) return;
    const payload: PagePayload = { events, locations };
    events = [];
    locations = [];
    win.dispatchEvent(new PageCustomEvent(BATCH_EVENT, { detail: stringify(payload) }));
  }

  function emit(event: RrwebEvent) {
    const href = win.location.href;
    if (href !== lastHref) {
      if (lastHref) locations.push({ ts: event.timestamp, url: typed.redactText(href) });
      lastHref = href;
    }
    events.push(event);
    if (events.length >= MAX_EVENTS) handOver();
    else timer ??= setTimer(handOver, MAX_DELAY_MS);
  }

  function stop() {
    stopSignals?.();
    stopSignals = undefined;
    stopRecord?.();
    stopRecord = undefined;
    handOver();
  }

  win.addEventListener(COMMAND_EVENT, (event) => {
    const command = parseCommand((event as CustomEvent).detail);
    if (!command) return;
    if (command.type === 'stop') return stop();
    if (stopRecord) return;
    lastHref = win.location.href;
    stopRecord = record(buildRecordOptions(command.privacy, emit, typed));
    stopSignals = installPageSignals(win, record);
  });
  // The page may be frozen or discarded after this: hand over what is buffered.
  win.addEventListener('pagehide', handOver);
}
