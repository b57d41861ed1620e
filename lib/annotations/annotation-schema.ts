import { z } from 'zod';
import type { AnnotationRequest } from '../messaging';
import { httpUrlSchema } from '../storage';

const text = (max: number) => z.string().max(max);

const pinned = z.object({
  selector: text(2_000),
  rect: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  text: text(500),
});

/** The overlay's request comes from a content script: checked like any outside input. */
export const annotationRequestSchema = z.object({
  sessionId: text(100),
  segmentId: text(100).nullable(),
  ts: z.number().nonnegative(),
  url: httpUrlSchema,
  tagId: text(100),
  severity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  note: text(2_000),
  target: pinned.nullable(),
});

export function parseAnnotationRequest(raw: unknown): AnnotationRequest | null {
  const parsed = annotationRequestSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
