import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import type { TrackerTarget } from '../contracts';
import { isHttpUrl, MAX_URL_CHARS } from '../urls';

/** At most this many configured trackers. */
export const MAX_TRACKER_TARGETS = 50;

const text = (max: number) => z.string().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
const url = z
  .string()
  .max(MAX_URL_CHARS)
  .refine(isHttpUrl, { error: 'expected an absolute http(s) URL' });
/** Tokens are long (Jira's run near 200 characters) but never kilobytes. */
const secret = required(4_000);

const base = {
  id: required(100),
  name: required(200),
  labels: z.array(required(100)).max(20),
};

export const trackerTargetSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('github'),
    apiUrl: url,
    owner: required(100),
    repo: required(100),
    token: secret,
    evidence: z.discriminatedUnion('type', [
      z.object({ type: z.literal('branch'), branch: required(250) }),
      z.object({ type: z.literal('local') }),
    ]),
  }),
  z.object({
    ...base,
    type: z.literal('jira'),
    baseUrl: url,
    email: required(320),
    apiToken: secret,
    projectKey: required(100),
    issueType: required(100),
  }),
  z.object({
    ...base,
    type: z.literal('linear'),
    apiUrl: url,
    apiKey: secret,
    team: required(100),
  }),
  z.object({
    ...base,
    type: z.literal('gitlab'),
    baseUrl: url,
    project: required(300),
    token: secret,
  }),
  z.object({
    ...base,
    type: z.literal('redmine'),
    baseUrl: url,
    project: required(100),
    apiKey: secret,
  }),
  z.object({
    ...base,
    type: z.literal('webhook'),
    url,
    // Empty: no signature header.
    secret: text(4_000),
  }),
]) satisfies z.ZodType<TrackerTarget>;

const targetListSchema = z.array(trackerTargetSchema).max(MAX_TRACKER_TARGETS);

/**
 * Stored targets are read back through this. Malformed data (an older build,
 * a hand edit) gives no targets rather than a throw; the log names the field
 * but never a value, which could be a token.
 */
export function parseTrackerTargets(
  raw: unknown,
  log: (message: string) => void = console.warn,
): TrackerTarget[] {
  if (raw === null || raw === undefined) return [];
  const parsed = targetListSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`)
    .join('; ');
  log(`Study Group: the stored tracker settings are not valid and were ignored (${where}).`);
  return [];
}

/**
 * The configured trackers, secrets included. storage.local, not sync: tokens
 * stay in this browser's extension storage. Version 1 is the first shape.
 */
export const trackerTargetsItem = storage.defineItem<TrackerTarget[]>('local:tracker-targets', {
  version: 1,
  fallback: [],
});

export async function loadTrackerTargets(): Promise<TrackerTarget[]> {
  return parseTrackerTargets(await trackerTargetsItem.getValue());
}

/** The target with this id, or null when it was removed (or the settings are unreadable). */
export async function loadTrackerTarget(id: string): Promise<TrackerTarget | null> {
  return (await loadTrackerTargets()).find((target) => target.id === id) ?? null;
}
