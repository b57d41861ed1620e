import { z } from 'zod';
import type { BatchRequest, PagePayload } from '../messaging';

/** Upper bounds on one batch from a content script; far above what the recorder sends. */
export const BATCH_LIMITS = {
  events: 5_000,
  timeline: 200,
  locations: 200,
  payloadChars: 32 * 1024 * 1024,
} as const;

const shortText = (max: number) => z.string().max(max);

const timelineEntry = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('js-error'),
    ts: z.number(),
    message: shortText(2_000),
    source: shortText(2_000),
    line: z.number(),
    column: z.number(),
    stack: shortText(8_000),
  }),
  z.object({ type: z.literal('unhandled-rejection'), ts: z.number(), reason: shortText(2_000) }),
  z.object({ type: z.literal('console-error'), ts: z.number(), message: shortText(2_000) }),
  z.object({ type: z.literal('recorder-error'), ts: z.number(), message: shortText(2_000) }),
]);

export const batchRequestSchema = z.object({
  sessionId: shortText(100),
  segment: z.object({ id: shortText(100), url: shortText(4_000), startedAt: z.number() }),
  seq: z.number().int().min(0),
  payload: shortText(BATCH_LIMITS.payloadChars).nullable(),
  timeline: z.array(timelineEntry).max(BATCH_LIMITS.timeline),
});

// rrweb events are checked for their envelope only: type and timestamp are
// what storage, ordering and replay rely on; the payload is rrweb's.
const rrwebEvent = z.looseObject({ type: z.number().int().min(0).max(6), timestamp: z.number() });

const pagePayloadSchema = z.object({
  events: z.array(rrwebEvent).max(BATCH_LIMITS.events),
  locations: z
    .array(z.object({ ts: z.number(), url: shortText(4_000) }))
    .max(BATCH_LIMITS.locations),
});

export function parseBatchRequest(raw: unknown): BatchRequest | null {
  const parsed = batchRequestSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * The page-world batch text. It comes from the page's world, which can forge
 * it: anything that is not a well-formed batch yields null.
 */
export function parsePagePayload(text: string | null): PagePayload | null {
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = pagePayloadSchema.safeParse(json);
  return parsed.success ? (parsed.data as PagePayload) : null;
}
