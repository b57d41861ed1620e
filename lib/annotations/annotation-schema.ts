import { z } from 'zod';
import { MAX_COVER_BOXES } from './cover';
import { httpUrlSchema, pinnedElementSchema } from '../storage';
import type { AnnotationRequest, AnnotationUpdateRequest, ObservationRequest } from '../contracts';

const text = (max: number) => z.string().max(max);

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
  target: pinnedElementSchema.nullable(),
  cover,
});

export function parseAnnotationRequest(raw: unknown): AnnotationRequest | null {
  const parsed = annotationRequestSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Longest note a reviewer may write: the overlay's limit. */
export const MAX_NOTE_CHARS = 2_000;
const note = text(MAX_NOTE_CHARS);
const severity = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const id = text(100).min(1);

/** A reviewer's edit, from the review page; strict, so a misspelt field is an error, not a no-op. */
export const annotationUpdateSchema = z.object({
  annotationId: id,
  patch: z
    .strictObject({
      tagId: id.optional(),
      severity: severity.optional(),
      note: note.optional(),
      dismissed: z.boolean().optional(),
    })
    .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'Nothing to change'),
});

export const observationRequestSchema = z.object({
  sessionId: id,
  segmentId: id,
  ts: z.number().nonnegative(),
  tagId: id,
  severity,
  note,
});

export type Parsed<T> = { type: 'ok'; data: T } | { type: 'error'; message: string };

/** A too-long note is worth saying so; anything else wrong is just malformed. */
function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { type: 'ok', data: parsed.data };
  const noteTooLong = parsed.error.issues.some(
    (issue) => issue.code === 'too_big' && issue.path.at(-1) === 'note',
  );
  return {
    type: 'error',
    message: noteTooLong
      ? `The note is longer than ${MAX_NOTE_CHARS} characters.`
      : 'The request was malformed.',
  };
}

export function parseAnnotationUpdate(raw: unknown): Parsed<AnnotationUpdateRequest> {
  return parseWith(annotationUpdateSchema, raw);
}

export function parseObservationRequest(raw: unknown): Parsed<ObservationRequest> {
  return parseWith(observationRequestSchema, raw);
}
