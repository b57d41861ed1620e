import { originOf } from '../../urls';
import type { Context } from '../context';

const MAX_REPORTED = 100;

/**
 * Status 0 means a network error only for the page's own origin: a cross-origin
 * response without CORS reports 0 too.
 */
function failed(url: string, status: number, pageHref: string): boolean {
  if (status >= 400) return true;
  return status === 0 && originOf(url) !== null && originOf(url) === originOf(pageHref);
}

/** One detection per (page load, url, status). */
export function failedRequest(
  page: { href: string; requests: string[] },
  request: { url: string; status: number; duration: number; ts: number },
  ctx: Context,
) {
  const { url, status, duration, ts } = request;
  if (!failed(url, status, page.href)) return;
  const key = `${status}:${url}`;
  if (page.requests.includes(key)) return;
  // Forgetting the oldest is harmless: its dedupeKey stays the same if it comes back.
  page.requests = [...page.requests, key].slice(-MAX_REPORTED);
  const severity = status === 0 || status >= 500 ? 3 : 2;
  ctx.report('failed-request', ts, severity, key, { url, status, durationMs: duration });
}
