import { z } from 'zod';

export const BUNDLE_FORMAT = 'study-group-bundle';
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = '.studygroup.json.gz';

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
