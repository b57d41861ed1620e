/**
 * The one owner of how URLs are checked and stored. Query values and
 * fragments carry secrets (`?reset_token=…#access_token=…`), so by default a
 * stored URL keeps only the origin, the path and the query's parameter names;
 * a kit or the privacy settings can keep URLs whole for products that need it.
 */

/** Longest URL stored anywhere (segments, Meta events, timeline, annotations). */
export const MAX_URL_CHARS = 4_000;

/** `value` parsed, when it is an absolute http(s) URL. */
export function parseHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Whether `value` is an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  return parseHttpUrl(value) !== null;
}

/**
 * An origin as `URL#origin` writes it, with a plausible host. Chromium's URL
 * parser accepts spaces and most punctuation in hosts (percent-encoded), which
 * no match pattern can use, hence the host check.
 */
export function isHttpOrigin(value: string): boolean {
  const url = parseHttpUrl(value);
  return (
    url?.origin === value && /^(?:[a-z0-9_-]+\.)*[a-z0-9_-]+$|^\[[0-9a-f:.]+\]$/i.test(url.hostname)
  );
}

/**
 * Turns what a user typed ("127.0.0.1:4173", "https://shop.example.com/path")
 * into an origin, or null when it is not an http(s) origin.
 */
export function normalizeOrigin(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    // URL() accepts any word as a host; a product lives on a dotted name, an IP or localhost.
    const host = url.hostname;
    if (host !== 'localhost' && !host.includes('.') && !host.startsWith('[')) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * Whether what a user typed leaves the scheme to guess where https:// is
 * likely wrong: no scheme, and a loopback or localhost host, or a port
 * (local and staging servers often speak plain http). Those should be asked.
 */
export function needsSchemeChoice(input: string): boolean {
  const trimmed = input.trim();
  if (!trimmed || /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return false;
  const origin = normalizeOrigin(trimmed);
  if (!origin) return false;
  const url = new URL(origin);
  const host = url.hostname;
  const loopback =
    host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '[::1]';
  return loopback || url.port !== '';
}

export function parseOriginList(text: string): { origins: string[]; invalid: string[] } {
  const origins = new Set<string>();
  const invalid: string[] = [];
  for (const part of text.split(/[\s,]+/)) {
    if (!part) continue;
    const origin = normalizeOrigin(part);
    if (origin) origins.add(origin);
    else invalid.push(part);
  }
  return { origins: [...origins], invalid };
}

/** The origin of an http(s) URL, or null for anything else. */
export function originOf(url: string | undefined): string | null {
  return url ? (parseHttpUrl(url)?.origin ?? null) : null;
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
  const parsed = parseHttpUrl(url);
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
