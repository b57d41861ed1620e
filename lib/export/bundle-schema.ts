import { z } from 'zod';
import { kitSchema } from '../studies';

import { BUNDLE_EXTENSION, BUNDLE_FORMAT, BUNDLE_VERSION } from '../contracts';

export { BUNDLE_EXTENSION, BUNDLE_FORMAT, BUNDLE_VERSION };

/** Limits the importer enforces before writing anything. */
export const BUNDLE_LIMITS = {
  /** The file as picked (gzip). */
  fileBytes: 200 * 1024 * 1024,
  /** After decompression; JSON.parse needs memory several times this. */
  jsonBytes: 256 * 1024 * 1024,
  sessions: 500,
  segmentsPerSession: 5_000,
  eventsPerSegment: 200_000,
  timelinePerSession: 50_000,
  annotationsPerSession: 5_000,
  /** ~3 MB of picture per annotation. */
  screenshotBase64Chars: 4_000_000,
} as const;

const text = (max: number) => z.string().max(max);
const time = z.number().finite().nonnegative();

const rrwebEvent = z.looseObject({
  type: z.number().int().min(0).max(6),
  timestamp: time,
});

const segment = z.object({
  id: text(100).min(1),
  tabId: z.number().int(),
  url: text(4_000),
  startedAt: time,
  events: z.array(rrwebEvent).max(BUNDLE_LIMITS.eventsPerSegment),
});

const timelineBase = { ts: time, segmentId: text(100).nullable(), tabId: z.number().int() };

const timelineEntry = z.discriminatedUnion('type', [
  z.object({
    ...timelineBase,
    type: z.literal('js-error'),
    message: text(2_000),
    source: text(2_000),
    line: z.number(),
    column: z.number(),
    stack: text(8_000),
  }),
  z.object({ ...timelineBase, type: z.literal('unhandled-rejection'), reason: text(2_000) }),
  z.object({ ...timelineBase, type: z.literal('console-error'), message: text(2_000) }),
  // Added within version 1.
  z.object({ ...timelineBase, type: z.literal('recorder-error'), message: text(2_000) }),
  z.object({
    ...timelineBase,
    type: z.literal('request-failed'),
    method: text(16),
    url: text(2_000),
    status: z.number().int(),
    error: text(200),
  }),
  z.object({ ...timelineBase, type: z.literal('location'), url: text(4_000) }),
]);

const endReason = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user') }),
  z.object({ type: z.literal('storage-full'), message: text(1_000) }),
  z.object({ type: z.literal('abandoned') }),
]);

const taskProgress = z.object({
  taskId: text(100),
  startedAt: time.nullable(),
  endedAt: time.nullable(),
  outcome: z.enum(['done', 'gave-up']).nullable(),
});

const detectorType = z.enum([
  'rage-click',
  'dead-click',
  'js-error',
  'failed-request',
  'slow-page',
  'u-turn',
  'error-page',
  'repeated-form-error',
]);

const annotation = z.object({
  id: text(100).min(1),
  kind: z.enum(['manual', 'auto']),
  ts: time,
  url: text(4_000),
  tabId: z.number().int(),
  segmentId: text(100).nullable(),
  tagId: text(100).nullable(),
  detector: detectorType.nullable(),
  severity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  note: text(2_000),
  target: z
    .object({
      selector: text(2_000),
      rect: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
      text: text(500),
    })
    .nullable(),
  evidence: z.record(z.string(), z.unknown()).nullable(),
  dedupeKey: text(300).nullable(),
  /** base64 of the picture. */
  screenshot: z
    .object({
      source: z.enum(['capture', 'replay']),
      mime: z.enum(['image/jpeg', 'image/png', 'image/webp']),
      data: z
        .string()
        .max(BUNDLE_LIMITS.screenshotBase64Chars)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/),
    })
    .nullable(),
});

const session = z.object({
  id: text(100).min(1),
  title: text(200),
  participant: text(100),
  origins: z.array(text(500)).max(50),
  status: z.enum(['recording', 'paused', 'interrupted', 'ended']),
  startedAt: time,
  endedAt: time.nullable(),
  activeMs: time,
  endReason: endReason.nullable(),
  segments: z.array(segment).max(BUNDLE_LIMITS.segmentsPerSession),
  timeline: z.array(timelineEntry).max(BUNDLE_LIMITS.timelinePerSession),
  // Added within version 1: optional, so bundles written before them still import.
  study: kitSchema.nullable().default(null),
  tasks: z.array(taskProgress).max(100).default([]),
  goalReached: z.boolean().nullable().default(null),
  annotations: z.array(annotation).max(BUNDLE_LIMITS.annotationsPerSession).default([]),
});

export const bundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  exportedAt: z.string().max(100),
  generator: text(200),
  sessions: z.array(session).max(BUNDLE_LIMITS.sessions),
});

export type Bundle = z.infer<typeof bundleSchema>;
export type BundleSession = Bundle['sessions'][number];
export type BundleSegment = BundleSession['segments'][number];
