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
