import { z } from 'zod';
import type { BatchRequest } from '../messaging';

/** Upper bounds on one batch from a content script; far above what the recorder sends. */
export const BATCH_LIMITS = { events: 5_000, timeline: 200 } as const;

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
  z.object({ type: z.literal('location'), ts: z.number(), url: shortText(4_000) }),
]);

// rrweb events are checked for their envelope only: type and timestamp are
// what storage, ordering and replay rely on; the payload is rrweb's.
const rrwebEvent = z.looseObject({ type: z.number().int(), timestamp: z.number() });

export const batchRequestSchema = z.object({
  sessionId: shortText(100),
  segment: z.object({ id: shortText(100), url: shortText(4_000), startedAt: z.number() }),
  seq: z.number().int().min(0),
  events: z.array(rrwebEvent).max(BATCH_LIMITS.events),
  timeline: z.array(timelineEntry).max(BATCH_LIMITS.timeline),
});

export function parseBatchRequest(raw: unknown): BatchRequest | null {
  const parsed = batchRequestSchema.safeParse(raw);
  return parsed.success ? (parsed.data as BatchRequest) : null;
}
