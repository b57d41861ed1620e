import { RRWEB_EVENT, RRWEB_SOURCE } from '@/lib/contracts';
import type { RrwebEvent, SegmentRecord, SessionRecord, TimelineEntry } from '@/lib/contracts';

/** One thing the participant did before the friction, for the "Steps" list. */
export type Step =
  | { type: 'page'; offsetMs: number; url: string }
  | { type: 'click'; offsetMs: number; target: string };

/** A click the caller read from the recording (rrweb MouseInteraction), already named. */
export interface ClickSignal {
  ts: number;
  /** What was clicked, e.g. the element's accessible name. */
  target: string;
}

export interface StepsInput {
  /** When the session started (offsets are measured from it). */
  startedAt: number;
  /** The moment of friction: the session's first annotation of the finding. */
  until: number;
  segments: Pick<SegmentRecord, 'startedAt' | 'url'>[];
  /** The session's timeline (TimelineRecords will do): its `location` entries count. */
  timeline: TimelineEntry[];
  clicks?: ClickSignal[];
  /** Keep only the last few steps: the ones that lead to the friction. */
  max?: number;
}

const DEFAULT_MAX_STEPS = 8;

/**
 * The pages (page loads and in-page navigations) and clicks of one session up
 * to the friction, oldest first; a page that repeats the one before is dropped.
 */
export function deriveSteps(input: StepsInput): Step[] {
  const timed: { ts: number; step: Step }[] = [];
  const offset = (ts: number) => Math.max(0, ts - input.startedAt);
  for (const segment of input.segments) {
    timed.push({
      ts: segment.startedAt,
      step: { type: 'page', offsetMs: offset(segment.startedAt), url: segment.url },
    });
  }
  for (const entry of input.timeline) {
    if (entry.type === 'location') {
      timed.push({
        ts: entry.ts,
        step: { type: 'page', offsetMs: offset(entry.ts), url: entry.url },
      });
    }
  }
  for (const click of input.clicks ?? []) {
    timed.push({
      ts: click.ts,
      step: { type: 'click', offsetMs: offset(click.ts), target: click.target },
    });
  }
  // Pages sort before clicks at the same instant: the click happened on that page.
  timed.sort((a, b) => a.ts - b.ts || rank(a.step) - rank(b.step));
  const steps: Step[] = [];
  let lastUrl: string | null = null;
  for (const { ts, step } of timed) {
    if (ts > input.until) break;
    if (step.type === 'page') {
      if (step.url === lastUrl) continue;
      lastUrl = step.url;
    }
    steps.push(step);
  }
  return steps.slice(-(input.max ?? DEFAULT_MAX_STEPS));
}

function rank(step: Step): number {
  return step.type === 'page' ? 0 : 1;
}

/**
 * The viewport the participant saw at `until` (events in time order): the last rrweb Meta event (one
 * per page load) or viewport resize at or before it; null without either.
 */
export function viewportAt(
  events: readonly RrwebEvent[],
  until: number,
): { width: number; height: number } | null {
  let viewport: { width: number; height: number } | null = null;
  for (const event of events) {
    if (event.timestamp > until) break;
    if (event.type === RRWEB_EVENT.Meta) {
      viewport = { width: event.data.width, height: event.data.height };
    } else if (
      event.type === RRWEB_EVENT.IncrementalSnapshot &&
      event.data.source === RRWEB_SOURCE.ViewportResize
    ) {
      viewport = { width: event.data.width, height: event.data.height };
    }
  }
  return viewport;
}

/** The title of the task under way at `ts` (started, not yet ended), if any. */
export function taskAt(session: Pick<SessionRecord, 'study' | 'tasks'>, ts: number): string | null {
  const running = session.tasks.find(
    (t) => t.startedAt !== null && t.startedAt <= ts && (t.endedAt === null || ts <= t.endedAt),
  );
  return session.study?.tasks.find((t) => t.id === running?.taskId)?.title ?? null;
}
