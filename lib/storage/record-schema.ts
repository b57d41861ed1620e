import { z } from 'zod';
import { isHttpUrl, MAX_URL_CHARS } from '../urls';
import {
  IDENTITY_LIMITS,
  type EndReason,
  type PinnedElement,
  type TimelineEntry,
} from '../contracts';

/**
 * The one schema of what is stored about a recording: events, timeline
 * entries, URLs, times. Live ingest (lib/sessions/batch-schema.ts) and bundle
 * import (lib/export/bundle-schema.ts) both check with these very objects, so
 * whatever ingest stores, export writes and import takes back.
 */

/** Times are ms since 1970 and before 2100: anything else is no real recording (and breaks Date). */
export const MAX_TIME = Date.UTC(2100, 0, 1);

const timeMessage = (issue: { input: unknown }) =>
  `expected a time in ms since 1970, before the year 2100 (got ${String(issue.input)})`;

/** A point in time, or a duration, in ms. */
export const timeSchema = z
  .number()
  .min(0, { error: timeMessage })
  .max(MAX_TIME, { error: timeMessage });

export const httpUrlSchema = z
  .string()
  .max(MAX_URL_CHARS)
  .refine(isHttpUrl, { error: 'expected an absolute http(s) URL' });

/**
 * Deepest nesting of objects and arrays in one event. rrweb writes about two
 * levels per DOM level, so this is ~1,000 DOM levels, twice what Chromium's
 * HTML parser ever builds (512); JSON.stringify and structured clone overflow
 * the stack from ~3,000 levels, and a replay sooner.
 */
export const MAX_EVENT_DEPTH = 2_000;

/** Whether a JSON value nests deeper than `limit`; iterative, so any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [current, depth] = item;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

const size = z.number().nonnegative();

/** rrweb's Meta event: the replay sizes its viewport and names the page from it. */
const metaEvent = z.looseObject({
  type: z.literal(4),
  timestamp: timeSchema,
  data: z.looseObject({ href: httpUrlSchema, width: size, height: size }),
});

/** rrweb's FullSnapshot: the replay rebuilds the page from a Document node's children. */
const fullSnapshotEvent = z.looseObject({
  type: z.literal(2),
  timestamp: timeSchema,
  data: z.looseObject({
    node: z.looseObject({ type: z.literal(0), childNodes: z.array(z.unknown()) }),
  }),
});

/** The other kinds are checked for their envelope: their payload is rrweb's. */
const otherEvent = z.looseObject({
  type: z.literal([0, 1, 3, 5, 6]),
  timestamp: timeSchema,
  data: z.record(z.string(), z.unknown()),
});

export const rrwebEventSchema = z
  .discriminatedUnion('type', [metaEvent, fullSnapshotEvent, otherEvent])
  .refine((event) => !nestsDeeperThan(event, MAX_EVENT_DEPTH), {
    error: `nested more than ${MAX_EVENT_DEPTH.toLocaleString('en-US')} levels deep`,
  });

const text = (max: number) => z.string().max(max);

const jsError = z.object({
  type: z.literal('js-error'),
  ts: timeSchema,
  message: text(2_000),
  source: text(2_000),
  line: z.number(),
  column: z.number(),
  stack: text(8_000),
});
const unhandledRejection = z.object({
  type: z.literal('unhandled-rejection'),
  ts: timeSchema,
  reason: text(2_000),
});
const consoleError = z.object({
  type: z.literal('console-error'),
  ts: timeSchema,
  message: text(2_000),
});
const requestFailed = z.object({
  type: z.literal('request-failed'),
  ts: timeSchema,
  method: text(16),
  url: httpUrlSchema,
  status: z.number().int(),
  error: text(200),
});
const location = z.object({ type: z.literal('location'), ts: timeSchema, url: httpUrlSchema });
const recorderError = z.object({
  type: z.literal('recorder-error'),
  ts: timeSchema,
  message: text(2_000),
});

const identityText = (field: keyof typeof IDENTITY_LIMITS) =>
  text(IDENTITY_LIMITS[field]).nullable();

/** What names a pinned element (see lib/contracts/element-identity.ts for the bounds). */
const elementIdentitySchema = z.object({
  id: identityText('id'),
  testId: identityText('testId'),
  role: identityText('role'),
  name: identityText('name'),
  label: identityText('label'),
  text: identityText('text'),
  path: text(IDENTITY_LIMITS.path),
});

/**
 * An annotation's target, from the overlay or a detector, stored or in a
 * bundle. `identity` is optional: annotations made before it have none.
 */
export const pinnedElementSchema = z.object({
  selector: text(2_000),
  rect: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  text: text(500),
  identity: elementIdentitySchema.optional(),
}) satisfies z.ZodType<PinnedElement>;

/** Longest dedupe key of an auto annotation. */
export const DEDUPE_KEY_CHARS = 300;

/** Longest message of an `ingest-error` entry. */
export const INGEST_ERROR_CHARS = 500;
const ingestError = z.object({
  type: z.literal('ingest-error'),
  ts: timeSchema,
  seq: z.number().int().min(0),
  message: text(INGEST_ERROR_CHARS),
});

/** What a page's recorder may report: the rest is observed by the extension itself. */
export const pageTimelineEntrySchema = z.discriminatedUnion('type', [
  jsError,
  unhandledRejection,
  consoleError,
  recorderError,
]) satisfies z.ZodType<TimelineEntry>;

export const timelineEntrySchema = z.discriminatedUnion('type', [
  jsError,
  unhandledRejection,
  consoleError,
  requestFailed,
  location,
  ingestError,
  recorderError,
]) satisfies z.ZodType<TimelineEntry>;

export const endReasonSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user') }),
  z.object({ type: z.literal('storage-full'), message: text(1_000) }),
  z.object({ type: z.literal('over-budget'), message: text(1_000) }),
  z.object({ type: z.literal('abandoned') }),
]) satisfies z.ZodType<EndReason>;
