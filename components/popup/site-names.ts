/** An origin as a participant reads it: its host ("app.example.com"), never a scheme. */
export function siteName(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/** Hosts of a session's or kit's origins, each once, joined for a sentence. */
export function siteNames(origins: readonly string[]): string {
  return [...new Set(origins.map(siteName))].join(', ');
}

/** "1 task", "6 tasks": the one plural helper, re-exported for the popup's components. */
export { plural } from '@/lib/format';
