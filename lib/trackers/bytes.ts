/** Base64 of bytes, in chunks so a large file never overflows the argument list. */
export function toBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export function toHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** True when `text` holds `marker` as a whole word, so sg-finding-1 never matches sg-finding-12. */
export function hasWholeMarker(text: string, marker: string): boolean {
  const escaped = marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w-])${escaped}($|[^\\w-])`).test(text);
}

/** The body with `addition` put before the footer rule that carries the marker (or at the end). */
export function beforeFooter(body: string, addition: string): string {
  const footer = body.lastIndexOf('\n---\n');
  if (footer < 0) return `${body.trimEnd()}\n\n${addition}\n`;
  return `${body.slice(0, footer).trimEnd()}\n\n${addition}\n${body.slice(footer)}`;
}

/** The marker always ends up in the text a search reads. */
export function withMarker(body: string, marker: string): string {
  return hasWholeMarker(body, marker) ? body : `${body.trimEnd()}\n\n${marker}\n`;
}
