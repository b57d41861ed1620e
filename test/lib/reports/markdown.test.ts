import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeMarkdown,
  formatOffset,
  inlineCode,
  markdownToAdf,
  quoteBlock,
  type AdfParagraph,
} from '@/lib/reports';

const HOSTILE = [
  '![x](http://evil)',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '**bold** _em_ `code` # heading',
  '- not a list\n1. not numbered\n> not a quote',
  '<script>alert(1)</script>',
  'see http://evil.example/x and www.evil.example',
  '\\[escaped\\](http://evil)',
];

/** What a paragraph of this Markdown shows, and with which marks. */
function render(markdown: string): AdfParagraph['content'] {
  const doc = markdownToAdf(markdown);
  expect(doc.content).toHaveLength(1);
  const [block] = doc.content;
  if (block?.type !== 'paragraph') throw new Error(`expected a paragraph, got ${block?.type}`);
  return block.content;
}

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('leaves %j as literal text: no link, image, HTML or structure', (note) => {
    const escaped = escapeMarkdown(note);
    // No unescaped special character survives.
    expect(escaped).not.toMatch(/(^|[^\\])[[\]()<>!*_`#]/);
    const nodes = render(escaped);
    expect(nodes).toEqual([{ type: 'text', text: note.replace(/\s+/g, ' ').trim() }]);
  });

  it('folds line breaks and control characters into spaces', () => {
    expect(escapeMarkdown('one\n\ntwo\r\nthree\u0007four\u2028five')).toBe(
      'one two three four five',
    );
  });

  it('round-trips any text through our Markdown reader unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', minLength: 1 }), (text) => {
        const shown = [...text]
          .map((c) => (c < ' ' || c === '\u007f' ? ' ' : c))
          .join('')
          .replace(/\s+/g, ' ')
          .trim();
        fc.pre(shown.length > 0);
        expect(render(escapeMarkdown(text))).toEqual([{ type: 'text', text: shown }]);
      }),
    );
  });
});

describe('inlineCode', () => {
  it('fences text with more backticks than it holds', () => {
    expect(inlineCode('/a')).toBe('`/a`');
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`x`')).toBe('`` `x` ``');
    expect(inlineCode('')).toBe('');
  });

  it('shows a hostile URL as code, never as a link', () => {
    const url = 'javascript:alert(1)//[x](http://evil)<img onerror=1>';
    expect(render(inlineCode(url))).toEqual([
      { type: 'text', text: url, marks: [{ type: 'code' }] },
    ]);
  });
});

describe('quoteBlock', () => {
  it('quotes every line, escaped', () => {
    expect(quoteBlock('first\n\n# second')).toBe('> first\n> \\# second');
    expect(quoteBlock('  ')).toBe('> (no note)');
  });
});

describe('formatOffset', () => {
  it('shows m:ss, and h:mm:ss past an hour', () => {
    expect(formatOffset(0)).toBe('0:00');
    expect(formatOffset(65_400)).toBe('1:05');
    expect(formatOffset(3_725_000)).toBe('1:02:05');
    expect(formatOffset(-5)).toBe('0:00');
    expect(formatOffset(Number.NaN)).toBe('0:00');
  });
});
