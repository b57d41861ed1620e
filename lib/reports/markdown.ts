// Escaping for untrusted text (participant notes, page titles, URLs) in the
// Markdown bodies we send to trackers: whatever the input, it renders as the
// literal text, never as a link, an image, HTML or structure.

/** ASCII punctuation that could mean something in CommonMark/GFM (all of it is escapable). */
const SPECIALS = /[\\`*_{}[\]()#+\-.!<>|~&=:"'$%^@;,?/]/g;

/** C0 and C1 controls, DEL and the Unicode line/paragraph separators. */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/** One line of text: control characters and line breaks become spaces. */
function oneLine(text: string): string {
  let out = '';
  for (const c of text) out += isControl(c.codePointAt(0) ?? 0) ? ' ' : c;
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * Untrusted text as inline Markdown that shows exactly that text: every
 * punctuation character is backslash-escaped (so no `[link](…)`, `![img](…)`,
 * `<tag>`, emphasis or list marker survives) and line breaks are folded.
 * `:` and `/` are escaped too so `http://…` in a note does not autolink.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(SPECIALS, (c) => `\\${c}`);
}

/**
 * Untrusted text as an inline code span (for URLs and paths): code spans are
 * literal in Markdown, so nothing inside renders; the fence is longer than
 * any run of backticks in the text.
 */
export function inlineCode(text: string): string {
  const line = oneLine(text);
  if (!line) return '';
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/** Untrusted multi-line text as a blockquote, each line escaped. */
export function quoteBlock(text: string): string {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map(escapeMarkdown)
    .filter((line) => line.length > 0);
  return (lines.length > 0 ? lines : ['(no note)']).map((line) => `> ${line}`).join('\n');
}

/** Milliseconds as m:ss (or h:mm:ss), for "time into the session". */
export function formatOffset(ms: number): string {
  const total = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
