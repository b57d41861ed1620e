import type { DetectorInput } from '@/lib/friction';
import type { RrwebEvent, TimelineEntry } from '@/lib/contracts';

// Synthetic rrweb events, shaped as @rrweb/record emits them.
const as = (event: object) => event as unknown as RrwebEvent;

export const ORIGIN = 'https://app.example.com';

export const click = (ts: number, x = 100, y = 100, id = 10) =>
  as({ type: 3, timestamp: ts, data: { source: 2, type: 2, id, x, y, pointerType: 0 } });

export const mouseDown = (ts: number, id = 10) =>
  as({ type: 3, timestamp: ts, data: { source: 2, type: 1, id, x: 100, y: 100 } });

export const signal = (ts: number, tag: string, payload: unknown) =>
  as({ type: 5, timestamp: ts, data: { tag, payload } });

export const clickSignal = (ts: number, id = 10, interactive = true) =>
  signal(ts, 'sg-click', { id, interactive });

/** An interactive-looking click as the page records it: the signal, then rrweb's click. */
export const userClick = (ts: number, id = 10, x = 100, y = 100) => [
  clickSignal(ts, id),
  click(ts, x, y, id),
];

export const request = (ts: number, url: string, status: number) =>
  signal(ts, 'sg-request', { url, status, duration: 20 });

export const perf = (ts: number, metric: string, value: number) =>
  signal(ts, 'sg-perf', { metric, value });

export const pageSignal = (ts: number, status: number, title = 'Home', heading = 'Home') =>
  signal(ts, 'sg-page', { status, title, heading });

export const mutation = (
  ts: number,
  data: { adds?: unknown[]; removes?: unknown[]; texts?: unknown[]; attributes?: unknown[] } = {},
) =>
  as({
    type: 3,
    timestamp: ts,
    data: { source: 0, adds: [], removes: [], texts: [], attributes: [], ...data },
  });

export const textChange = (ts: number) => mutation(ts, { texts: [{ id: 5, value: 'Saved' }] });

export const ariaInvalid = (ts: number, id: number, value: string | null) =>
  mutation(ts, { attributes: [{ id, attributes: { 'aria-invalid': value } }] });

export const mouseMove = (ts: number) =>
  as({
    type: 3,
    timestamp: ts,
    data: { source: 1, positions: [{ x: 5, y: 5, id: 1, timeOffset: 0 }] },
  });

export const input = (ts: number, id = 50) =>
  as({ type: 3, timestamp: ts, data: { source: 5, text: '***', isChecked: false, id } });

export const scroll = (ts: number) =>
  as({ type: 3, timestamp: ts, data: { source: 3, id: 1, x: 0, y: 400 } });

type Child = {
  id: number;
  type: number;
  tagName?: string;
  attributes?: object;
  childNodes?: Child[];
};

export const element = (
  id: number,
  tagName: string,
  attributes: object = {},
  childNodes: Child[] = [],
): Child => ({ id, type: 2, tagName, attributes, childNodes });

/** A full snapshot of a document whose body holds `children`. */
export const snapshot = (ts: number, children: Child[]) =>
  as({
    type: 2,
    timestamp: ts,
    data: {
      node: {
        id: 1,
        type: 0,
        childNodes: [element(2, 'html', {}, [element(3, 'body', {}, children)])],
      },
      initialOffset: { top: 0, left: 0 },
    },
  });

export const location = (ts: number, url: string): TimelineEntry => ({ type: 'location', ts, url });

export const jsError = (ts: number, message: string): TimelineEntry => ({
  type: 'js-error',
  ts,
  message,
  source: `${ORIGIN}/app.js`,
  line: 1,
  column: 1,
  stack: '',
});

export function segment(
  id: string,
  path: string,
  startedAt: number,
  tabId = 1,
): DetectorInput['segment'] {
  return { id, tabId, url: `${ORIGIN}${path}`, startedAt };
}

export function batch(
  seg: DetectorInput['segment'],
  events: (RrwebEvent | RrwebEvent[])[],
  timeline: TimelineEntry[] = [],
): DetectorInput {
  return { segment: seg, events: events.flat(), timeline };
}
