import { describe, expect, it } from 'vitest';
import { createEventSanitizer, isScriptUrl } from '@/lib/offline-replay';
import type { RrwebEvent } from '@/lib/contracts';
import { full } from './fixtures';

const hostile = [
  {
    type: 2,
    id: 10,
    tagName: 'script',
    attributes: { src: 'https://evil.test/x.js' },
    childNodes: [{ type: 3, id: 11, textContent: 'window.pwned = 1' }],
  },
  {
    type: 2,
    id: 12,
    tagName: 'img',
    attributes: { src: 'x', onerror: 'window.pwned = 2', ONLOAD: 'x()' },
    childNodes: [],
  },
  {
    type: 2,
    id: 13,
    tagName: 'a',
    attributes: { href: ' java\tscript:window.pwned = 3' },
    childNodes: [],
  },
  {
    type: 2,
    id: 14,
    tagName: 'iframe',
    attributes: { srcdoc: '<script>parent.pwned=4</script>', src: 'VBScript:x' },
    childNodes: [],
  },
  {
    type: 2,
    id: 15,
    tagName: 'meta',
    attributes: { 'http-equiv': 'refresh', content: '0;url=javascript:x' },
    childNodes: [],
  },
  {
    type: 2,
    id: 16,
    tagName: 'a',
    attributes: { href: 'https://example.com/javascript:ok', title: 'javascript is fun' },
    childNodes: [],
  },
];

describe('the recorded page, made inert for the offline replay', () => {
  it('takes script URLs as browsers do', () => {
    expect(isScriptUrl('javascript:alert(1)')).toBe(true);
    expect(isScriptUrl('  JaVa\nScRiPt:alert(1)')).toBe(true);
    expect(isScriptUrl('\u0001javascript:x')).toBe(true);
    expect(isScriptUrl('https://x/javascript:')).toBe(false);
    expect(isScriptUrl('#javascript:')).toBe(false);
  });

  it('drops handlers, script code, srcdoc and refreshes; disarms script URLs; keeps the rest', () => {
    const [event] = createEventSanitizer()([full(1, 'hello', hostile)]);
    const text = JSON.stringify(event);
    expect(text).not.toMatch(/pwned|onerror|onload|javascript:x|vbscript|evil\.test/i);
    expect(text).toContain('hello');
    expect(text).toContain('https://example.com/javascript:ok');
    expect(text).toContain('javascript is fun');
    const body = (
      event!.data as {
        node: {
          childNodes: {
            childNodes: {
              childNodes: { tagName?: string; attributes?: Record<string, string> }[];
            }[];
          }[];
        };
      }
    ).node.childNodes[0]!.childNodes[0]!.childNodes;
    expect(body.find((n) => n.tagName === 'script')!.attributes).toEqual({ type: 'text/plain' });
    expect(body.find((n) => n.tagName === 'a')!.attributes).toEqual({ href: '#' });
  });

  it('cleans what mutations add or change later, script text included', () => {
    const sanitize = createEventSanitizer();
    sanitize([full(1, 'hello', hostile)]);
    const [mutation] = sanitize([
      {
        type: 3,
        timestamp: 2,
        data: {
          source: 0,
          adds: [
            {
              parentId: 3,
              nextId: null,
              node: {
                type: 2,
                id: 20,
                tagName: 'button',
                attributes: { onclick: 'pwned()' },
                childNodes: [],
              },
            },
            { parentId: 10, nextId: null, node: { type: 3, id: 21, textContent: 'pwned()' } },
          ],
          attributes: [
            { id: 13, attributes: { href: 'javascript:pwned()', onmouseover: 'pwned()' } },
            { id: 12, attributes: { alt: 'fine' } },
          ],
          texts: [
            { id: 11, value: 'pwned()' },
            { id: 5, value: 'still here' },
          ],
          removes: [],
        },
      } as unknown as RrwebEvent,
    ]);
    const text = JSON.stringify(mutation);
    expect(text).not.toMatch(/pwned|onclick|onmouseover/);
    expect(text).toContain('still here');
    expect(text).toContain('"alt":"fine"');
  });

  it('leaves other events as they are', () => {
    const events = [
      { type: 3, timestamp: 5, data: { source: 1, positions: [] } },
      { type: 4, timestamp: 1, data: { href: 'javascript:x', width: 1, height: 1 } },
    ] as unknown as RrwebEvent[];
    expect(createEventSanitizer()(events)).toEqual(events);
  });
});
