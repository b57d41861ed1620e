import { z } from 'zod';
import {
  DEDUPE_KEY_CHARS,
  endReasonSchema,
  httpUrlSchema,
  pinnedElementSchema,
  rrwebEventSchema,
  timelineEntrySchema,
  timeSchema,
} from '../storage';
import { findingOverrideRecordSchema } from '../findings';
import { kitSchema, taskProgressSchema } from '../studies';

import { BUNDLE_EXTENSION, BUNDLE_FORMAT, BUNDLE_VERSION, DETECTOR_TYPES } from '../contracts';

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
  findingOverrides: 20_000,
} as const;

const text = (max: number) => z.string().max(max);
// Events, timeline entries, URLs and times are the stored records' own
// schemas (lib/storage/record-schema.ts), the ones live ingest applies.
const time = timeSchema;

const segment = z.object({
  id: text(100).min(1),
  tabId: z.number().int(),
  url: httpUrlSchema,
  startedAt: time,
  events: z.array(rrwebEventSchema).max(BUNDLE_LIMITS.eventsPerSegment),
});

const timelineRecord = z
  .object({ segmentId: text(100).nullable(), tabId: z.number().int() })
  .and(timelineEntrySchema);

const detectorType = z.enum(DETECTOR_TYPES);

const annotation = z.object({
  id: text(100).min(1),
  kind: z.enum(['manual', 'auto']),
  ts: time,
  url: httpUrlSchema,
  tabId: z.number().int(),
  segmentId: text(100).nullable(),
  tagId: text(100).nullable(),
  detector: detectorType.nullable(),
  severity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  note: text(2_000),
  target: pinnedElementSchema.nullable(),
  evidence: z.record(z.string(), z.unknown()).nullable(),
  dedupeKey: text(DEDUPE_KEY_CHARS).nullable(),
  // A reviewer's work, added within version 1: absent in older bundles.
  author: z.enum(['participant', 'facilitator']).optional(),
  dismissed: z.boolean().optional(),
  editedAt: time.optional(),
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
  endReason: endReasonSchema.nullable(),
  segments: z.array(segment).max(BUNDLE_LIMITS.segmentsPerSession),
  timeline: z.array(timelineRecord).max(BUNDLE_LIMITS.timelinePerSession),
  // Added within version 1: optional, so bundles written before them still import.
  study: kitSchema.nullable().default(null),
  tasks: z.array(taskProgressSchema).max(100).default([]),
  goalReached: z.boolean().nullable().default(null),
  annotations: z.array(annotation).max(BUNDLE_LIMITS.annotationsPerSession).default([]),
});

export const bundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  exportedAt: z.string().max(100),
  generator: text(200),
  sessions: z.array(session).max(BUNDLE_LIMITS.sessions),
  // Added within version 1: the findings-board decisions of the sessions' studies.
  findingOverrides: z
    .array(findingOverrideRecordSchema)
    .max(BUNDLE_LIMITS.findingOverrides)
    .default([]),
});

export type Bundle = z.infer<typeof bundleSchema>;
export type BundleSession = Bundle['sessions'][number];
export type BundleSegment = BundleSession['segments'][number];
