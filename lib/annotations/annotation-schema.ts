import { z } from 'zod';
import { MAX_COVER_BOXES } from './cover';
import { httpUrlSchema } from '../storage';
import type { AnnotationRequest } from '../contracts';

const text = (max: number) => z.string().max(max);

const pinned = z.object({
  selector: text(2_000),
  rect: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  text: text(500),
});

// Far outside any screen, still finite: the painter's arithmetic stays exact.
const coordinate = z.number().min(-1e6).max(1e6);
const size = z.number().min(0).max(1e6);

const cover = z.object({
  devicePixelRatio: z.number().positive().max(16),
  boxes: z
    .array(z.object({ x: coordinate, y: coordinate, width: size, height: size }))
    .max(MAX_COVER_BOXES),
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
  cover,
});

export function parseAnnotationRequest(raw: unknown): AnnotationRequest | null {
  const parsed = annotationRequestSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
