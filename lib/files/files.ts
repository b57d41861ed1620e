/**
 * What every file Study Group reads or writes does the same way: its JSON
 * envelope (`format` and `version`), the messages for what is wrong in it,
 * and the readable part of its name.
 */
import type { ZodError } from 'zod';

export interface FileKind {
  format: string;
  version: number;
  /** How the message names the file: "bundle", "kit". */
  noun: string;
  /** Messages for other known formats, e.g. a bundle picked where a kit is expected. */
  misplaced?: Record<string, string>;
}

export type EnvelopeResult =
  { type: 'ok'; data: Record<string, unknown> } | { type: 'error'; message: string };

/** Parse a file's JSON and check that it is `kind`, in a version this build reads. */
export function checkEnvelope(text: string, kind: FileKind): EnvelopeResult {
  const fail = (message: string): EnvelopeResult => ({ type: 'error', message });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(`The file is not valid JSON (${(error as Error).message}).`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return fail(`The file is not a Study Group ${kind.noun}: expected a JSON object.`);
  const record = data as Record<string, unknown>;
  const misplaced = typeof record.format === 'string' ? kind.misplaced?.[record.format] : undefined;
  if (misplaced) return fail(misplaced);
  if (record.format !== kind.format)
    return fail(
      `The file is not a Study Group ${kind.noun} (its "format" is not "${kind.format}").`,
    );
  if (typeof record.version !== 'number')
    return fail(`The ${kind.noun} file has no version number.`);
  if (record.version > kind.version) {
    return fail(
      `The ${kind.noun} is version ${record.version}, made by a newer Study Group; this one reads version ${kind.version}. Update the extension.`,
    );
  }
  if (record.version !== kind.version)
    return fail(`Unknown ${kind.noun} version ${record.version}.`);
  return { type: 'ok', data: record };
}

/** Whether bytes start with gzip's magic number (1f 8b): session bundles are gzipped, kits are not. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** A zod issue's path as people read it: `sessions[0].segments[2].url`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) =>
      typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key),
    '',
  );
}

/**
 * The first `max` problems, each with the path of its field (`whole` names a
 * problem of the value itself), then how many more there are.
 */
export function formatZodIssues(error: ZodError, whole: string, max = 3): string {
  const lines = error.issues
    .slice(0, max)
    .map((issue) => `${formatPath(issue.path) || whole}: ${issue.message}`);
  const rest = error.issues.length - max;
  return lines.join('; ') + (rest > 0 ? ` (and ${rest} more problems)` : '');
}

/**
 * A title as a file-name part: lower case, ASCII letters and digits joined by
 * dashes, accents dropped rather than the letters ("Café Olé" -> "cafe-ole"),
 * at most `maxChars`, or `fallback` when nothing readable is left.
 */
export function fileSlug(title: string, fallback: string, maxChars = 60): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, maxChars)
    .replace(/-$/, '');
  return slug || fallback;
}
