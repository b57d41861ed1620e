import type { record as rrwebRecord } from '@rrweb/record';
import { openChannel, pageWorldDom, type ChannelPort } from './page-channel';
import { ALIVE_EVERY_MS, installPageSignals, SIGNAL } from './page-signals';
import { installProbe } from './probe';
import { buildRecordOptions } from './record-options';
import { createTypedValueRedactor } from './typed-values';
import {
  CHANNEL,
  RRWEB_EVENT,
  type PageCommand,
  type PagePayload,
  type RecorderPrivacy,
  type RrwebEvent,
} from '../contracts';

type PageWindow = Window & typeof globalThis;

const INSTALLED = Symbol.for('study-group.page-world');
/** A batch is handed over after this many events or this long after its first. */
const MAX_EVENTS = 200;
const MAX_DELAY_MS = 1_000;
const MAX_SELECTOR_CHARS = 60_000;
/** Signals observed before rrweb's first snapshot wait at most this many. */
const MAX_HELD_SIGNALS = 200;

function parseCommand(text: string): PageCommand | null {
  if (text.length > 2 * MAX_SELECTOR_CHARS) return null;
  try {
    const command = JSON.parse(text) as PageCommand;
    if (command.type === 'stop' || command.type === 'flush') return command;
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
 * time in an isolated world. It takes commands and hands over batches only
 * through the private channel (page-channel.ts), and every callback of ours
 * runs guarded: an exception is reported to the extension, never thrown into
 * the page.
 */
export function installPageWorld(win: PageWindow, record: typeof rrwebRecord): void {
  const flagged = win as unknown as Record<symbol, boolean>;
  if (flagged[INSTALLED]) return;
  flagged[INSTALLED] = true;
  const dom = pageWorldDom(win);
  if (dom) openChannel(dom, (port) => startPageWorld(win, record, port));
}

function startPageWorld(win: PageWindow, record: typeof rrwebRecord, port: ChannelPort): void {
  // Captured now, at document_start, before page scripts can replace them.
  const setTimer = win.setTimeout.bind(win);
  const clearTimer = win.clearTimeout.bind(win);
  const stringify = JSON.stringify;
  const now = win.Date.now;
  const addListener = win.EventTarget.prototype.addEventListener;

  function report(error: unknown) {
    try {
      port.send(CHANNEL.fault, String((error as Error)?.stack ?? error).slice(0, 2_000));
    } catch {
      // Nothing left to tell; never let it reach the page.
    }
  }
  function guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
    return (...args) => {
      try {
        fn(...args);
      } catch (error) {
        report(error);
      }
    };
  }

  // One per page load, shared by every run: values typed while paused are still masked after resume.
  const typed = createTypedValueRedactor();
  installProbe(win, (message) => port.send(CHANNEL.probe, message), typed.redactText);

  /** Fixed by the first start command for the life of this page. */
  let privacy: RecorderPrivacy | null = null;
  let stopRecord: (() => void) | undefined;
  let stopSignals: (() => void) | undefined;
  /** rrweb takes its first snapshot at the load event; signals wait for it. */
  let snapshotTaken = false;
  let held: (() => RrwebEvent | null)[] = [];
  let events: RrwebEvent[] = [];
  let locations: PagePayload['locations'] = [];
  let timer: number | null = null;
  let lastHref = '';

  const handOver = guard(() => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (events.length === 0 && locations.length === 0) return;
    const payload: PagePayload = { events, locations };
    events = [];
    locations = [];
    port.send(CHANNEL.batch, stringify(payload));
  });

  function push(event: RrwebEvent) {
    const href = win.location.href;
    if (href !== lastHref) {
      if (lastHref) locations.push({ ts: event.timestamp, url: typed.redactText(href) });
      lastHref = href;
    }
    events.push(event);
    if (events.length >= MAX_EVENTS) handOver();
    else timer ??= setTimer(handOver, MAX_DELAY_MS);
  }

  const emit = guard((event: RrwebEvent) => {
    push(event);
    if (event.type === RRWEB_EVENT.FullSnapshot && !snapshotTaken) {
      snapshotTaken = true;
      for (const make of held.splice(0)) {
        const signal = make();
        if (signal) push(signal);
      }
    }
  });

  /**
   * Our signals go into the stream as rrweb custom events, but not through
   * rrweb's addCustomEvent, which throws before rrweb has started. Before the
   * first snapshot they are held; `build` runs when they are emitted, so a
   * clicked element's id is looked up once rrweb knows it.
   */
  function signal(tag: string, build: () => unknown) {
    const make = (): RrwebEvent | null => {
      const payload = build();
      if (payload === null) return null;
      const event = {
        type: RRWEB_EVENT.Custom,
        data: { tag, payload },
        timestamp: now(),
      } as RrwebEvent;
      try {
        // A request URL or a page title can carry what was typed.
        return typed.redactEvent(event);
      } catch {
        return null;
      }
    };
    if (snapshotTaken) {
      const event = make();
      if (event) push(event);
    } else if (held.length < MAX_HELD_SIGNALS) held.push(make);
  }

  let alive: number | null = null;
  function beat() {
    alive = setTimer(
      guard(() => {
        signal(SIGNAL.alive, () => ({}));
        beat();
      }),
      ALIVE_EVERY_MS,
    );
  }

  function stop() {
    if (alive !== null) clearTimer(alive);
    alive = null;
    stopSignals?.();
    stopSignals = undefined;
    stopRecord?.();
    stopRecord = undefined;
    held = [];
    handOver();
  }

  function start(fixed: RecorderPrivacy) {
    if (stopRecord) return;
    lastHref = win.location.href;
    snapshotTaken = false;
    stopRecord =
      record(
        buildRecordOptions(
          fixed,
          emit,
          (error) => {
            report(error);
            return true;
          },
          typed,
        ),
      ) ?? undefined;
    stopSignals = installPageSignals(win, {
      signal,
      idOf: (node) => record.mirror.getId(node),
      privacy: fixed,
      guard,
    });
    beat();
  }

  port.on(
    CHANNEL.command,
    guard((text: string) => {
      const command = parseCommand(text);
      if (!command) return;
      if (command.type === 'stop') return stop();
      if (command.type === 'flush') return handOver();
      privacy ??= command.privacy;
      start(privacy);
    }),
  );
  // The page may be frozen or discarded after this: hand over what is buffered.
  Reflect.apply(addListener, win, ['pagehide', handOver]);
}
