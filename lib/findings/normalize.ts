/**
 * What varies between participants in a URL or an error message (ids, dates,
 * numbers, quoted values) is replaced by a placeholder, so the same page or
 * the same error matches across sessions.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}(?:-\d{2})?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
/** 31-01-2024, 01.31.2024: day and month in either order. */
const LOCAL_DATE = /^\d{1,2}[-.]\d{1,2}[-.]\d{4}$/;
const NUMBER = /^\d+$/;
/** Hex digests and object ids: long, hex only, with at least one digit. */
const HASH = /^(?=[a-z]*\d)[0-9a-f]{12,}$/i;
/** Letters and digits mixed, as ids are (`po_1234`, `INV-2024-001`, `usr8f3k2q`); not `v2`, `step3`, `oauth2`. */
const ID = /^(?=.*[a-z])(?:(?=(?:.*\d){3})|(?=.{8})(?=(?:.*\d){2}))[\w~-]+$/i;

function segmentPlaceholder(segment: string): string {
  if (UUID.test(segment)) return ':uuid';
  if (DATE.test(segment) || LOCAL_DATE.test(segment)) return ':date';
  if (NUMBER.test(segment)) return ':n';
  if (HASH.test(segment)) return ':hash';
  if (ID.test(segment)) return ':id';
  return segment;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Longest path kept: a path is a page's name, not its data. */
const MAX_PATH_CHARS = 300;

/**
 * The path of `url` (absolute, or a path) with its variable segments as
 * placeholders: `https://app/payouts/123/?tab=x#top` -> `/payouts/:n`.
 */
export function normalizePath(url: string): string {
  let pathname: string;
  try {
    pathname = new URL(url, 'http://placeholder.invalid').pathname;
  } catch {
    pathname = url.split(/[?#]/, 1)[0] ?? '';
  }
  const segments = pathname
    .split('/')
    .filter((s) => s !== '')
    .map((s) => segmentPlaceholder(decode(s)));
  return `/${segments.join('/')}`.slice(0, MAX_PATH_CHARS);
}

const MAX_MESSAGE_CHARS = 300;

/** Replacements in order: a URL or a quoted value may hold the numbers of later ones. */
const MESSAGE_PARTS: [RegExp, string][] = [
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"`<>()]+/gi, ':url'],
  // A quote inside a word is an apostrophe ("can't", "user's"), not a value's start or end.
  [/(?<!\w)(?:"[^"\n]{0,200}"|'[^'\n]{0,200}'|`[^`\n]{0,200}`|“[^”\n]{0,200}”)(?!\w)/g, ':str'],
  // Typed values are masked with one star per character (lib/recording).
  [/\*{2,}/g, ':masked'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, ':uuid'],
  [/\b\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?/gi, ':date'],
  [/\b0x[0-9a-f]+\b/gi, ':hex'],
  [/\b(?=[a-z]*\d)[0-9a-f]{8,}\b/gi, ':hex'],
  [/\b(?=[\w-]*\d[\w-]*\d)(?=[\w-]*[a-z])[a-z0-9]+(?:[_-][a-z0-9]+)*\b/gi, ':id'],
  [/-?\b\d+(?:\.\d+)?\b/g, ':n'],
];

/**
 * An error message with its variable parts as placeholders, so one bug reads
 * the same for every participant: `Payout 42 failed ("ACME")` -> `Payout :n failed (:str)`.
 */
export function normalizeMessage(message: string): string {
  let text = message
    .replace(/^\s*Uncaught(?: \(in promise\))?\s+/, '')
    .slice(0, MAX_MESSAGE_CHARS * 4);
  for (const [pattern, placeholder] of MESSAGE_PARTS) text = text.replace(pattern, placeholder);
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_MESSAGE_CHARS);
}
