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

export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? origin : null;
  } catch {
    return null;
  }
}

/**
 * Chrome matches ports in match patterns, for content scripts and host
 * permissions alike; Firefox rejects a port there, so it gets the host (all
 * ports) and the recorder's hello handshake checks the exact origin.
 */
export const PORTS_IN_PATTERNS = !import.meta.env.FIREFOX;

/** Match pattern for an origin: content-script matches and host permissions. */
export function toMatchPattern(origin: string, withPort: boolean): string {
  const url = new URL(origin);
  return `${url.protocol}//${withPort ? url.host : url.hostname}/*`;
}

/** The host permissions a session's origins need, each once. */
export function accessPatterns(origins: string[], withPort: boolean): string[] {
  return [...new Set(origins.map((o) => toMatchPattern(o, withPort)))];
}

/** The host whose access a pattern grants, as people read it ("127.0.0.1:4173"). */
export function accessHost(origin: string, withPort: boolean): string {
  const url = new URL(origin);
  return withPort ? url.host : url.hostname;
}
