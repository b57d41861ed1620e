import type { RecorderPrivacy } from '../contracts';

/**
 * Custom rrweb events (type 5) the friction detectors read besides the DOM
 * stream. They travel in the recording itself, in order, so detection stays a
 * pure function of what was recorded; stock players ignore them.
 */
export const SIGNAL = {
  /** A click, with whether its target looked interactive. */
  click: 'sg-click',
  /** A fetch/XHR finished (from resource timing; no query string). */
  request: 'sg-request',
  /** load, largest contentful paint, or a long task, in ms. */
  perf: 'sg-perf',
  /** The document's HTTP status, title and main heading. */
  page: 'sg-page',
  /**
   * Still recording, every ALIVE_EVERY_MS: a page nobody touches records
   * nothing else, and a session the browser cut off is timed by what it
   * stored last (lib/sessions recovery).
   */
  alive: 'sg-alive',
} as const;

export const ALIVE_EVERY_MS = 15_000;

export interface ClickSignal {
  id: number;
  interactive: boolean;
}
export interface RequestSignal {
  url: string;
  status: number;
  duration: number;
}
export interface PerfSignal {
  metric: 'load' | 'lcp' | 'long-task';
  value: number;
}
export interface PageSignal {
  status: number;
  title: string;
  heading: string;
}

const INTERACTIVE =
  'a[href], button, input, select, textarea, summary, label, [role="button"], [role="link"], [role="menuitem"], [role="tab"], [onclick], [tabindex]:not([tabindex="-1"])';
const TEXT_LIMIT = 200;

type SignalWindow = Window & typeof globalThis;

export interface SignalSink {
  /** Emit a custom event; `build` runs when it is emitted (null: emit nothing). */
  signal(tag: string, build: () => unknown): void;
  /** rrweb's id of a node (-1 before rrweb has seen it). */
  idOf(node: Node): number;
  privacy: RecorderPrivacy;
  /** Wraps page-facing callbacks so an exception of ours never reaches the page. */
  guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
}

function withoutQuery(url: string): string {
  return url.split(/[?#]/, 1)[0] ?? '';
}

/** Elements whose text the recording must not hold, in CSS. */
function hiddenTextSelector(privacy: RecorderPrivacy): string {
  return ['.sg-block', '.sg-mask', privacy.blockSelector, privacy.maskTextSelector]
    .filter(Boolean)
    .join(', ');
}

/** The first `<h1>` whose text is not blocked or masked. */
function visibleHeading(document: Document, hidden: string): string {
  const isHidden = (el: Element) => {
    try {
      return el.closest(hidden) !== null;
    } catch {
      // A selector the browser refuses: keep the heading out rather than guess.
      return true;
    }
  };
  const h1 = [...document.querySelectorAll('h1')].find((el) => !isHidden(el));
  return h1?.textContent?.trim() ?? '';
}

/**
 * Start emitting signals into a recording; returns a stop function. Signals
 * observed before rrweb's first snapshot (clicks and performance entries of a
 * page still loading) are held by the sink, not lost.
 */
export function installPageSignals(win: SignalWindow, sink: SignalSink): () => void {
  const { document } = win;
  const { guard } = sink;
  const cleanups: (() => void)[] = [];
  // A run started on a page already loaded (resume) reports no load time and
  // no buffered entries: that load was not part of the session.
  const loadedBefore = document.readyState === 'complete';
  const emit = (tag: string, payload: unknown) => sink.signal(tag, () => payload);
  const hidden = hiddenTextSelector(sink.privacy);

  const onClick = guard((event: MouseEvent) => {
    const target = event.target;
    // Blocked elements (our overlay's host among them) are not judged.
    if (!(target instanceof win.Element) || target.closest('.sg-block')) return;
    const interactive =
      target.closest(INTERACTIVE) !== null || win.getComputedStyle(target).cursor === 'pointer';
    sink.signal(SIGNAL.click, () => {
      const id = sink.idOf(target);
      return id < 0 ? null : ({ id, interactive } satisfies ClickSignal);
    });
  });
  win.addEventListener('click', onClick, { capture: true });
  cleanups.push(() => win.removeEventListener('click', onClick, { capture: true }));

  const pageInfo = (status: number) => {
    const heading = visibleHeading(document, hidden);
    emit(SIGNAL.page, {
      status,
      title: document.title.slice(0, TEXT_LIMIT),
      heading: heading.slice(0, TEXT_LIMIT),
    } satisfies PageSignal);
  };

  const observe = (type: string, onEntry: (entry: PerformanceEntry) => void) => {
    if (!win.PerformanceObserver?.supportedEntryTypes?.includes(type)) return;
    const observer = new win.PerformanceObserver(
      guard((list: PerformanceObserverEntryList) => list.getEntries().forEach(onEntry)),
    );
    // buffered: entries of this page load from before recording started.
    observer.observe({ type, buffered: !loadedBefore });
    cleanups.push(() => observer.disconnect());
  };

  observe('largest-contentful-paint', (entry) => {
    emit(SIGNAL.perf, { metric: 'lcp', value: Math.round(entry.startTime) } satisfies PerfSignal);
  });
  observe('longtask', (entry) => {
    emit(SIGNAL.perf, {
      metric: 'long-task',
      value: Math.round(entry.duration),
    } satisfies PerfSignal);
  });
  observe('resource', (entry) => {
    const resource = entry as PerformanceResourceTiming;
    if (resource.initiatorType !== 'fetch' && resource.initiatorType !== 'xmlhttprequest') return;
    emit(SIGNAL.request, {
      url: withoutQuery(resource.name),
      status: resource.responseStatus ?? 0,
      duration: Math.round(resource.duration),
    } satisfies RequestSignal);
  });

  // loadEventEnd is only set once the load event's handlers have run.
  const afterLoad = () =>
    win.setTimeout(
      guard(() => {
        const nav = win.performance.getEntriesByType('navigation')[0] as
          PerformanceNavigationTiming | undefined;
        if (!loadedBefore && nav && nav.loadEventEnd > 0) {
          emit(SIGNAL.perf, {
            metric: 'load',
            value: Math.round(nav.loadEventEnd),
          } satisfies PerfSignal);
        }
        pageInfo(nav?.responseStatus ?? 0);
      }),
      0,
    );
  if (loadedBefore) afterLoad();
  else {
    win.addEventListener('load', afterLoad, { once: true });
    cleanups.push(() => win.removeEventListener('load', afterLoad));
  }

  return () => cleanups.splice(0).forEach((fn) => fn());
}
