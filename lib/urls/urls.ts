/**
 * The one owner of how URLs are checked and stored. Query values and
 * fragments carry secrets (`?reset_token=…#access_token=…`), so by default a
 * stored URL keeps only the origin, the path and the query's parameter names;
 * a kit or the privacy settings can keep URLs whole for products that need it.
 */

/** Longest URL stored anywhere (segments, Meta events, timeline, annotations). */
export const MAX_URL_CHARS = 4_000;

function parseHttp(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Whether `value` is an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  return parseHttp(value) !== null;
}

/** `?reset_token=abc&lang=en&debug` -> `?reset_token=&lang=&debug`: names kept, values dropped; never longer. */
function namesOnly(search: string): string {
  const names = search
    .slice(1)
    .split('&')
    .filter(Boolean)
    .map((pair) => (pair.includes('=') ? `${pair.split('=', 1)[0]}=` : pair));
  return names.length ? `?${names.join('&')}` : '';
}

/**
 * The URL as it is stored: whole when `keepFull`, else without query values,
 * fragment and credentials. Never longer than MAX_URL_CHARS: past it, the query
 * and then the path are dropped. Input that is no http(s) URL (the schemas let
 * none through) is cut before its query.
 */
export function storedUrl(url: string, keepFull: boolean): string {
  const parsed = parseHttp(url);
  if (!parsed) return (url.split(/[?#]/, 1)[0] ?? '').slice(0, MAX_URL_CHARS);
  const candidates = [
    ...(keepFull ? [url] : []),
    `${parsed.origin}${parsed.pathname}${namesOnly(parsed.search)}`,
    `${parsed.origin}${parsed.pathname}`,
  ];
  return candidates.find((c) => c.length <= MAX_URL_CHARS) ?? `${parsed.origin}/`;
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>`()[\]{}]+/gi;

/**
 * Free text (error messages, stack traces) with every http(s) URL in it
 * stripped of query values and fragment, unless `keepFull`. Works on the text
 * as written, so the result is never longer than the input.
 */
export function storedUrlsInText(text: string, keepFull: boolean): string {
  if (keepFull) return text;
  return text.replace(URL_IN_TEXT, (match) => {
    const [beforeHash = ''] = match.split('#', 1);
    const query = beforeHash.indexOf('?');
    if (query < 0) return beforeHash;
    // A stack frame's `:line:column` follows the script URL's query.
    const position = /(?::\d+){1,2}$/.exec(beforeHash)?.[0] ?? '';
    const search = beforeHash.slice(query, beforeHash.length - position.length);
    return beforeHash.slice(0, query) + namesOnly(search) + position;
  });
}
