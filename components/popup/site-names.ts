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

/** "1 task", "6 tasks": a count with its noun in the right number. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
