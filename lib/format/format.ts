/**
 * What the extension's pages show for numbers and URLs from stored records.
 * A record may come from a crafted bundle or kit, so none of these throws,
 * whatever it is given: a value that cannot be shown reads as such.
 */

import { parseHttpUrl } from '../urls';

const MAX_DATE_MS = 8.64e15; // the ECMAScript time range
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const URL_TEXT_MAX = 200;

export const UNKNOWN = '—';

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** 1:02:03 or 02:03; negative durations read as 00:00. */
export function formatDuration(ms: unknown): string {
  if (!isNumber(ms)) return UNKNOWN;
  const total = Math.max(0, Math.floor(ms / 1_000));
  if (!Number.isSafeInteger(total)) return UNKNOWN;
  const h = Math.floor(total / 3_600);
  const mm = String(Math.floor((total % 3_600) / 60)).padStart(2, '0');
  const ss = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function formatBytes(bytes: unknown): string {
  if (!isNumber(bytes) || bytes < 0) return UNKNOWN;
  if (bytes < 1_024) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1_024;
  let unit = 0;
  while (value >= 1_024 && unit < units.length - 1) {
    value /= 1_024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** A moment (ms since epoch) in the user's locale; outside the time range it says so. */
export function formatDateTime(ms: unknown, format: Intl.DateTimeFormat = DATE_TIME): string {
  if (!isNumber(ms) || Math.abs(ms) > MAX_DATE_MS) return 'Invalid date';
  return format.format(ms);
}

/** The path of a web URL; anything else is shown as the (shortened) text it is. */
export function formatUrlPath(url: unknown): string {
  if (typeof url !== 'string') return UNKNOWN;
  const parsed = parseHttpUrl(url);
  if (parsed) return parsed.pathname;
  return url.length > URL_TEXT_MAX ? `${url.slice(0, URL_TEXT_MAX)}…` : url;
}
