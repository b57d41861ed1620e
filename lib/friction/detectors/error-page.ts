import type { Context } from '../context';

/**
 * Titles and headings of error pages. Narrow on purpose: "Error reporting" or
 * "Errors & disputes" are ordinary pages.
 */
const ERROR_TEXT = [
  /\bnot found\b/i,
  /\bsomething went wrong\b/i,
  // "404", "Error 500", "HTTP error 503: …", "403 Forbidden", but not "500 customers"
  /^\s*(?:(?:http\s+)?error\s*)?[45]\d\d(?:\s*(?:$|[^\w\s.,])|\s+(?:not|error|page|forbidden|unauthorized|internal|bad|service|gateway|server|too)\b)/i,
  /\berror\s*[45]\d\d\b/i,
  // "Error", "Error · Product", "Server error", "An unexpected error occurred"
  /^\s*(?:an?\s+)?(?:unexpected\s+|internal\s+|server\s+|application\s+|fatal\s+)*error(?:\s+(?:has\s+)?occurred)?\s*(?:$|[^\w\s])/i,
];

export const looksLikeErrorPage = (text: string) => ERROR_TEXT.some((re) => re.test(text));

/** One detection per page load: the document answered 4xx/5xx or says it is an error page. */
export function errorPage(
  page: { errorPage: boolean },
  signal: { status: number; title: string; heading: string; ts: number },
  ctx: Context,
) {
  const { status, title, heading, ts } = signal;
  if (page.errorPage) return;
  const badStatus = status >= 400 && status < 600;
  if (!badStatus && !looksLikeErrorPage(title) && !looksLikeErrorPage(heading)) return;
  page.errorPage = true;
  ctx.report('error-page', ts, status >= 500 ? 3 : 2, 'page', { status, title, heading });
}
