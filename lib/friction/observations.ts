import { SIGNAL, type PerfSignal } from '../recording';
import {
  RRWEB_EVENT,
  RRWEB_MOUSE,
  RRWEB_SOURCE,
  type RrwebEvent,
  type TimelineEntry,
} from '../contracts';

/** A parsed JSON value: pages can forge anything they record, so every field is checked. */
export type Loose = Record<string, unknown>;

export interface AddedNode {
  parentId: number;
  node: Loose;
}
export interface AttributeChange {
  id: number;
  attributes: Loose;
}

/** What the detectors see of one recorded event or timeline entry. */
export type Observation =
  | { kind: 'snapshot'; ts: number; node: Loose }
  | {
      kind: 'mutation';
      ts: number;
      adds: AddedNode[];
      attributes: AttributeChange[];
      /** Anything at all changed in the DOM. */
      changed: boolean;
    }
  /** The page visibly reacted without a DOM mutation: scroll, media, stylesheet, canvas. */
  | { kind: 'reaction'; ts: number }
  /** A form field's value or checked state changed. */
  | { kind: 'input'; ts: number }
  /** A mouse button or finger went down: a click may follow. */
  | { kind: 'press'; ts: number }
  | { kind: 'click'; ts: number; nodeId: number; x: number; y: number }
  | { kind: 'click-signal'; ts: number; nodeId: number; interactive: boolean }
  | { kind: 'request'; ts: number; url: string; status: number; duration: number }
  | { kind: 'perf'; ts: number; metric: PerfSignal['metric']; value: number }
  | { kind: 'page'; ts: number; status: number; title: string; heading: string }
  | { kind: 'location'; ts: number; url: string }
  | { kind: 'error'; ts: number; message: string }
  /** Any other event: only tells that time went on. */
  | { kind: 'time'; ts: number };

const PRESSES = new Set<unknown>([RRWEB_MOUSE.MouseDown, RRWEB_MOUSE.TouchStart]);
/** What a page does in answer to a click, besides changing its DOM. */
const REACTION_SOURCES = new Set<unknown>([
  RRWEB_SOURCE.Scroll,
  RRWEB_SOURCE.MediaInteraction,
  RRWEB_SOURCE.StyleSheetRule,
  RRWEB_SOURCE.CanvasMutation,
  RRWEB_SOURCE.StyleDeclaration,
  RRWEB_SOURCE.AdoptedStyleSheet,
]);
const PERF_METRICS = new Set<unknown>(['load', 'lcp', 'long-task']);
const TEXT_LIMIT = 300;

export const asObject = (value: unknown): Loose | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : null;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asNumber = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const asText = (value: unknown): string =>
  typeof value === 'string' ? value.slice(0, TEXT_LIMIT) : '';

function readMutation(ts: number, data: Loose): Observation {
  const adds = asArray(data.adds).flatMap((add): AddedNode[] => {
    const item = asObject(add);
    const node = asObject(item?.node);
    const parentId = asNumber(item?.parentId);
    return node && parentId !== null ? [{ parentId, node }] : [];
  });
  const attributes = asArray(data.attributes).flatMap((change): AttributeChange[] => {
    const item = asObject(change);
    const id = asNumber(item?.id);
    const attrs = asObject(item?.attributes);
    return id !== null && attrs ? [{ id, attributes: attrs }] : [];
  });
  const changed =
    adds.length > 0 ||
    attributes.length > 0 ||
    asArray(data.removes).length > 0 ||
    asArray(data.texts).length > 0;
  return { kind: 'mutation', ts, adds, attributes, changed };
}

function readCustom(ts: number, data: Loose): Observation {
  const payload = asObject(data.payload);
  if (!payload) return { kind: 'time', ts };
  switch (data.tag) {
    case SIGNAL.click: {
      const nodeId = asNumber(payload.id);
      if (nodeId === null) break;
      return { kind: 'click-signal', ts, nodeId, interactive: payload.interactive === true };
    }
    case SIGNAL.request: {
      const status = asNumber(payload.status);
      const url = asText(payload.url);
      if (status === null || !url) break;
      return { kind: 'request', ts, url, status, duration: asNumber(payload.duration) ?? 0 };
    }
    case SIGNAL.perf: {
      const value = asNumber(payload.value);
      if (value === null || !PERF_METRICS.has(payload.metric)) break;
      return { kind: 'perf', ts, metric: payload.metric as PerfSignal['metric'], value };
    }
    case SIGNAL.page:
      return {
        kind: 'page',
        ts,
        status: asNumber(payload.status) ?? 0,
        title: asText(payload.title),
        heading: asText(payload.heading),
      };
  }
  return { kind: 'time', ts };
}

function readEvent(event: RrwebEvent): Observation {
  const ts = event.timestamp;
  const data = asObject(event.data);
  if (!data) return { kind: 'time', ts };
  if (event.type === RRWEB_EVENT.FullSnapshot) {
    const node = asObject(data.node);
    return node ? { kind: 'snapshot', ts, node } : { kind: 'time', ts };
  }
  if (event.type === RRWEB_EVENT.Custom) return readCustom(ts, data);
  if (event.type !== RRWEB_EVENT.IncrementalSnapshot) return { kind: 'time', ts };
  if (data.source === RRWEB_SOURCE.Mutation) return readMutation(ts, data);
  if (data.source === RRWEB_SOURCE.Input) return { kind: 'input', ts };
  if (REACTION_SOURCES.has(data.source)) return { kind: 'reaction', ts };
  if (data.source === RRWEB_SOURCE.MouseInteraction && PRESSES.has(data.type))
    return { kind: 'press', ts };
  if (data.source === RRWEB_SOURCE.MouseInteraction && data.type === RRWEB_MOUSE.Click) {
    const nodeId = asNumber(data.id);
    const x = asNumber(data.x);
    const y = asNumber(data.y);
    if (nodeId !== null && x !== null && y !== null) return { kind: 'click', ts, nodeId, x, y };
  }
  return { kind: 'time', ts };
}

function readEntry(entry: TimelineEntry): Observation {
  switch (entry.type) {
    case 'js-error':
      return { kind: 'error', ts: entry.ts, message: asText(entry.message) };
    case 'unhandled-rejection':
      return { kind: 'error', ts: entry.ts, message: asText(entry.reason) };
    case 'location':
      return { kind: 'location', ts: entry.ts, url: entry.url };
    default:
      return { kind: 'time', ts: entry.ts };
  }
}

/**
 * One batch's events and timeline entries as a single stream in time order.
 * Events keep their recorded order; an entry goes before events of the same
 * instant (a location entry is stamped with the first event after the change).
 */
export function observe(events: RrwebEvent[], timeline: TimelineEntry[]): Observation[] {
  const entries = [...timeline].sort((a, b) => a.ts - b.ts);
  const out: Observation[] = [];
  let next = 0;
  const entriesUntil = (ts: number) => {
    for (let entry = entries[next]; entry && entry.ts <= ts; entry = entries[++next]) {
      out.push(readEntry(entry));
    }
  };
  for (const event of events) {
    entriesUntil(event.timestamp);
    out.push(readEvent(event));
  }
  entriesUntil(Infinity);
  return out;
}
