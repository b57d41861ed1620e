import type { record as rrwebRecord } from '@rrweb/record';

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
} as const;

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

function withoutQuery(url: string): string {
  return url.split(/[?#]/, 1)[0] ?? '';
}

/** Start emitting signals into a running rrweb recording; returns a stop function. */
export function installPageSignals(win: SignalWindow, record: typeof rrwebRecord): () => void {
  const { document } = win;
  const cleanups: (() => void)[] = [];
  // A run started on a page already loaded (session start, resume) reports no
  // load time and no buffered entries: that load was not part of the session.
  const loadedBefore = document.readyState === 'complete';
  const emit = (tag: string, payload: unknown) => record.addCustomEvent(tag, payload);

  const onClick = (event: MouseEvent) => {
    const target = event.target;
    if (!(target instanceof win.Element)) return;
    const interactive =
      target.closest(INTERACTIVE) !== null || win.getComputedStyle(target).cursor === 'pointer';
    emit(SIGNAL.click, { id: record.mirror.getId(target), interactive } satisfies ClickSignal);
  };
  win.addEventListener('click', onClick, { capture: true });
  cleanups.push(() => win.removeEventListener('click', onClick, { capture: true }));

  const pageInfo = (status: number) => {
    const heading = document.querySelector('h1')?.textContent?.trim() ?? '';
    emit(SIGNAL.page, {
      status,
      title: document.title.slice(0, TEXT_LIMIT),
      heading: heading.slice(0, TEXT_LIMIT),
    } satisfies PageSignal);
  };

  const observe = (type: string, onEntry: (entry: PerformanceEntry) => void) => {
    if (!win.PerformanceObserver?.supportedEntryTypes?.includes(type)) return;
    const observer = new win.PerformanceObserver((list) => list.getEntries().forEach(onEntry));
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
    win.setTimeout(() => {
      const nav = win.performance.getEntriesByType('navigation')[0] as
        PerformanceNavigationTiming | undefined;
      if (!loadedBefore && nav && nav.loadEventEnd > 0) {
        emit(SIGNAL.perf, {
          metric: 'load',
          value: Math.round(nav.loadEventEnd),
        } satisfies PerfSignal);
      }
      pageInfo(nav?.responseStatus ?? 0);
    }, 0);
  if (loadedBefore) afterLoad();
  else {
    win.addEventListener('load', afterLoad, { once: true });
    cleanups.push(() => win.removeEventListener('load', afterLoad));
  }

  return () => cleanups.splice(0).forEach((fn) => fn());
}
