// Markdown -> Atlassian Document Format (Jira Cloud REST v3 descriptions), for
// the subset our issue bodies use: headings, paragraphs, bullet lists,
// blockquotes, horizontal rules, strong/em/code and http(s) links. Anything
// else stays literal text: ADF has no raw HTML, and no image is ever made.

export type AdfMark =
  | { type: 'strong' }
  | { type: 'em' }
  | { type: 'code' }
  | { type: 'link'; attrs: { href: string } };

export interface AdfText {
  type: 'text';
  /** Never empty (the schema's minLength is 1). */
  text: string;
  marks?: AdfMark[];
}

export interface AdfParagraph {
  type: 'paragraph';
  content: AdfText[];
}

export interface AdfHeading {
  type: 'heading';
  attrs: { level: 1 | 2 | 3 | 4 | 5 | 6 };
  content: AdfText[];
}

export interface AdfListItem {
  type: 'listItem';
  content: AdfParagraph[];
}

export interface AdfBulletList {
  type: 'bulletList';
  content: AdfListItem[];
}

export interface AdfBlockquote {
  type: 'blockquote';
  content: (AdfParagraph | AdfBulletList)[];
}

export interface AdfRule {
  type: 'rule';
}

export type AdfBlock = AdfParagraph | AdfHeading | AdfBulletList | AdfBlockquote | AdfRule;

export interface AdfDoc {
  version: 1;
  type: 'doc';
  content: AdfBlock[];
}

const HEADING = /^(#{1,6})\s+(.*)$/;
const BULLET = /^[-*+]\s+(.*)$/;
const QUOTE = /^>\s?(.*)$/;
const RULE = /^(?:-{3,}|\*{3,}|_{3,})\s*$/;

export function markdownToAdf(markdown: string): AdfDoc {
  return { version: 1, type: 'doc', content: blocks(markdown.split(/\r\n|\r|\n/)) };
}

function blocks(lines: string[]): AdfBlock[] {
  const out: AdfBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
    } else if (RULE.test(line)) {
      out.push({ type: 'rule' });
      i++;
    } else if (HEADING.test(line)) {
      const [, hashes = '#', text = ''] = HEADING.exec(line) ?? [];
      const level = Math.min(6, hashes.length) as AdfHeading['attrs']['level'];
      out.push({ type: 'heading', attrs: { level }, content: inline(text) });
      i++;
    } else if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] ?? '')) {
        inner.push(QUOTE.exec(lines[i] ?? '')?.[1] ?? '');
        i++;
      }
      const content = blocks(inner).filter(
        (b): b is AdfParagraph | AdfBulletList => b.type === 'paragraph' || b.type === 'bulletList',
      );
      if (content.length > 0) out.push({ type: 'blockquote', content });
    } else if (BULLET.test(line)) {
      const items: AdfListItem[] = [];
      while (i < lines.length && BULLET.test(lines[i] ?? '') && !RULE.test(lines[i] ?? '')) {
        const text = BULLET.exec(lines[i] ?? '')?.[1] ?? '';
        items.push({ type: 'listItem', content: [paragraph(text)] });
        i++;
      }
      out.push({ type: 'bulletList', content: items });
    } else {
      const text: string[] = [];
      while (i < lines.length && isParagraphLine(lines[i] ?? '')) {
        text.push((lines[i] ?? '').trim());
        i++;
      }
      out.push(paragraph(text.join(' ')));
    }
  }
  return out;
}

function isParagraphLine(line: string): boolean {
  return (
    line.trim() !== '' &&
    !RULE.test(line) &&
    !HEADING.test(line) &&
    !QUOTE.test(line) &&
    !BULLET.test(line)
  );
}

/** A paragraph may be empty in ADF; a text node may not. */
function paragraph(text: string): AdfParagraph {
  return { type: 'paragraph', content: inline(text) };
}

type Style = 'strong' | 'em';

/** Inline Markdown to text nodes: backslash escapes, code spans, strong, em, links. */
function inline(source: string): AdfText[] {
  const out: AdfText[] = [];
  parseInline(source, [], null, out);
  return merge(out);
}

function marksOf(styles: Style[], href: string | null, code: boolean): AdfMark[] {
  // ADF allows the code mark only beside a link.
  const marks: AdfMark[] = code ? [{ type: 'code' }] : styles.map((type) => ({ type }));
  if (href) marks.push({ type: 'link', attrs: { href } });
  return marks;
}

function push(out: AdfText[], text: string, marks: AdfMark[]): void {
  if (!text) return;
  out.push(marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text });
}

function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function parseInline(src: string, styles: Style[], href: string | null, out: AdfText[]): void {
  let text = '';
  const flush = () => {
    push(out, text, marksOf(styles, href, false));
    text = '';
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === '\\' && i + 1 < src.length && /[!-/:-@[-`{-~]/.test(src[i + 1] ?? '')) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const fence = /^`+/.exec(src.slice(i))?.[0] ?? '`';
      const end = src.indexOf(fence, i + fence.length);
      if (end > 0) {
        flush();
        let code = src.slice(i + fence.length, end);
        if (code.length > 1 && code.startsWith(' ') && code.endsWith(' ')) code = code.slice(1, -1);
        push(out, code, marksOf(styles, href, true));
        i = end + fence.length;
        continue;
      }
    }
    const delimiter = src.startsWith('**', i) ? '**' : c === '*' || c === '_' ? c : null;
    if (delimiter) {
      const style: Style = delimiter === '**' ? 'strong' : 'em';
      const end = closing(src, i + delimiter.length, delimiter);
      if (end > i + delimiter.length && !styles.includes(style)) {
        flush();
        parseInline(src.slice(i + delimiter.length, end), [...styles, style], href, out);
        i = end + delimiter.length;
        continue;
      }
    }
    if (c === '[' && href === null) {
      const link = /^\[((?:\\.|[^\]\\])*)\]\(((?:[^()\s]|\([^()\s]*\))*)\)/.exec(src.slice(i));
      if (link) {
        flush();
        const target = safeHref(link[2] ?? '');
        // An unsafe target keeps only the link text: never a javascript: or data: link.
        parseInline(link[1] ?? '', styles, target, out);
        i += link[0].length;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
}

/** Where an emphasis run opened at `from` closes, skipping escapes and code spans; -1 if never. */
function closing(src: string, from: number, delimiter: string): number {
  let i = from;
  while (i < src.length) {
    if (src[i] === '\\') {
      i += 2;
    } else if (src[i] === '`') {
      const fence = /^`+/.exec(src.slice(i))?.[0] ?? '`';
      const end = src.indexOf(fence, i + fence.length);
      i = end > 0 ? end + fence.length : i + fence.length;
    } else if (src.startsWith(delimiter, i) && (delimiter !== '*' || src[i + 1] !== '*')) {
      return i;
    } else if (delimiter === '*' && src.startsWith('**', i)) {
      i += 2;
    } else {
      i++;
    }
  }
  return -1;
}

function sameMarks(a: AdfMark[] | undefined, b: AdfMark[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

function merge(nodes: AdfText[]): AdfText[] {
  const out: AdfText[] = [];
  for (const node of nodes) {
    const last = out.at(-1);
    if (last && sameMarks(last.marks, node.marks)) last.text += node.text;
    else out.push({ ...node });
  }
  return out;
}
