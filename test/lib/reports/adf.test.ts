import { describe, expect, it } from 'vitest';
import { markdownToAdf, type AdfBlock, type AdfDoc, type AdfText } from '@/lib/reports';

/** Every text node of a document, however deep. */
function texts(doc: AdfDoc): AdfText[] {
  const out: AdfText[] = [];
  const walk = (node: AdfBlock | AdfText | { type: string; content?: unknown[] }) => {
    if (node.type === 'text') out.push(node as AdfText);
    if ('content' in node && Array.isArray(node.content)) {
      for (const child of node.content) walk(child as AdfBlock);
    }
  };
  doc.content.forEach(walk);
  return out;
}

describe('markdownToAdf', () => {
  it('makes a version 1 doc of headings, paragraphs, lists, quotes and rules', () => {
    const doc = markdownToAdf(
      [
        '## Summary',
        'First line',
        'continues here.',
        '',
        '- one',
        '- **two**',
        '',
        '> quoted',
        '> still quoted',
        '',
        '---',
        'Footer',
      ].join('\n'),
    );
    expect(doc).toEqual({
      version: 1,
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Summary' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'First line continues here.' }] },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }],
            },
            {
              type: 'listItem',
              content: [
                {
                  type: 'paragraph',
                  content: [{ type: 'text', text: 'two', marks: [{ type: 'strong' }] }],
                },
              ],
            },
          ],
        },
        {
          type: 'blockquote',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'quoted still quoted' }] },
          ],
        },
        { type: 'rule' },
        { type: 'paragraph', content: [{ type: 'text', text: 'Footer' }] },
      ],
    });
  });

  it('marks strong, em (both spellings), nested, and code', () => {
    const [block] = markdownToAdf('a **b _c_** *d* `e*f*`').content;
    expect(block).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'a ' },
        { type: 'text', text: 'b ', marks: [{ type: 'strong' }] },
        { type: 'text', text: 'c', marks: [{ type: 'strong' }, { type: 'em' }] },
        { type: 'text', text: ' ' },
        { type: 'text', text: 'd', marks: [{ type: 'em' }] },
        { type: 'text', text: ' ' },
        { type: 'text', text: 'e*f*', marks: [{ type: 'code' }] },
      ],
    });
  });

  it('gives code only the marks ADF allows beside it', () => {
    const nodes = texts(markdownToAdf('**bold `code` bold**'));
    expect(nodes.find((n) => n.text === 'code')?.marks).toEqual([{ type: 'code' }]);
  });

  it('links http(s) only; any other target keeps just the text', () => {
    const nodes = texts(
      markdownToAdf(
        '[ok](https://example.com/a) [bad](javascript:alert(1)) [data](data:text/html,x) [mail](mailto:a@b)',
      ),
    );
    expect(nodes.find((n) => n.text === 'ok')?.marks).toEqual([
      { type: 'link', attrs: { href: 'https://example.com/a' } },
    ]);
    const links = nodes.flatMap((n) => n.marks ?? []).filter((m) => m.type === 'link');
    expect(links).toHaveLength(1);
    expect(JSON.stringify(nodes)).not.toMatch(/javascript:|data:text/);
  });

  it('never makes an image or HTML: they stay literal text', () => {
    const doc = markdownToAdf('\\!\\[x\\]\\(http://evil\\) <img src=x onerror=alert(1)>');
    expect(texts(doc)).toEqual([
      { type: 'text', text: '![x](http://evil) <img src=x onerror=alert(1)>' },
    ]);
    expect(JSON.stringify(doc)).not.toMatch(/"type":"(media|mediaSingle|link)"/);
  });

  it('never emits an empty text node, and skips empty quotes', () => {
    const doc = markdownToAdf('**** ``\n\n>\n\n# ');
    for (const node of texts(doc)) expect(node.text.length).toBeGreaterThan(0);
    expect(doc.content.map((b) => b.type)).toEqual(['paragraph', 'heading']);
  });

  it('leaves unclosed delimiters as text', () => {
    expect(texts(markdownToAdf('2 * 3 and a_b and `tick'))).toEqual([
      { type: 'text', text: '2 * 3 and a_b and `tick' },
    ]);
  });
});
