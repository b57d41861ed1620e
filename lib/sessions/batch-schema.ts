import { z } from 'zod';
import { httpUrlSchema, pageTimelineEntrySchema, rrwebEventSchema, timeSchema } from '../storage';
import { formatZodIssues } from '../files';
import type { BatchRequest, PagePayload, SessionRecord } from '../contracts';

/** Upper bounds on one batch from a content script; far above what the recorder sends. */
export const BATCH_LIMITS = {
  events: 5_000,
  timeline: 200,
  locations: 200,
  payloadChars: 32 * 1024 * 1024,
} as const;

/**
 * How far a live batch's times may stray from the session's: the page and the
 * background read the same clock, so only a clock adjustment moves them apart.
 */
export const CLOCK_TOLERANCE_MS = 30_000;

const shortText = (max: number) => z.string().max(max);

// Events, timeline entries, URLs and times are the stored records' own
// schemas (lib/storage/record-schema.ts), the ones bundle import applies.
export const batchRequestSchema = z.object({
  sessionId: shortText(100),
  segment: z.object({ id: shortText(100).min(1), url: httpUrlSchema, startedAt: timeSchema }),
  seq: z.number().int().min(0),
  payload: shortText(BATCH_LIMITS.payloadChars).nullable(),
  timeline: z.array(pageTimelineEntrySchema).max(BATCH_LIMITS.timeline),
});

const pagePayloadSchema = z.object({
  events: z.array(rrwebEventSchema).max(BATCH_LIMITS.events),
  locations: z.array(z.object({ ts: timeSchema, url: httpUrlSchema })).max(BATCH_LIMITS.locations),
});

export function parseBatchRequest(raw: unknown): BatchRequest | null {
  const parsed = batchRequestSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export interface TimeSpan {
  from: number;
  to: number;
}

/** The times a live session's batch may carry: from its start until now, give or take the tolerance. */
export function liveSpan(session: SessionRecord, now: number): TimeSpan {
  return { from: session.startedAt - CLOCK_TOLERANCE_MS, to: now + CLOCK_TOLERANCE_MS };
}

const within = (ts: number, span: TimeSpan) => ts >= span.from && ts <= span.to;

/** Whether the batch's own times (set by the extension's content script) fit the session. */
export function batchFitsSpan(batch: BatchRequest, span: TimeSpan) {
  return within(batch.segment.startedAt, span) && batch.timeline.every((e) => within(e.ts, span));
}

export type PayloadResult =
  { type: 'ok'; payload: PagePayload } | { type: 'none' } | { type: 'refused'; reason: string };

/**
 * The page-world batch text. It comes from the page's world, which can forge
 * it: anything that is not a well-formed batch of this session's time is
 * refused, with the reason.
 */
export function parsePagePayload(text: string | null, span: TimeSpan): PayloadResult {
  if (text === null) return { type: 'none' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { type: 'refused', reason: 'not JSON' };
  }
  const parsed = pagePayloadSchema.safeParse(json);
  if (!parsed.success)
    return { type: 'refused', reason: formatZodIssues(parsed.error, 'payload', 1) };
  const payload = parsed.data as PagePayload;
  const badEvent = payload.events.findIndex((e) => !within(e.timestamp, span));
  if (badEvent >= 0) {
    return {
      type: 'refused',
      reason: `events[${badEvent}].timestamp: ${payload.events[badEvent]!.timestamp} is outside the session's time`,
    };
  }
  const badLocation = payload.locations.findIndex((l) => !within(l.ts, span));
  if (badLocation >= 0) {
    return {
      type: 'refused',
      reason: `locations[${badLocation}].ts: ${payload.locations[badLocation]!.ts} is outside the session's time`,
    };
  }
  return { type: 'ok', payload };
}
