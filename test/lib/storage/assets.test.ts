import { describe, expect, it } from 'vitest';
import {
  extractAssets,
  MIN_ASSET_CHARS,
  referencedAssets,
  restoreAssets,
  sha256Hex,
} from '@/lib/storage';

const css = 'a{color:red}'.repeat(MIN_ASSET_CHARS);
const events = () => [
  {
    type: 2,
    timestamp: 1,
    data: {
      node: {
        type: 0,
        childNodes: [
          { type: 2, tagName: 'link', attributes: { _cssText: css, href: '/app.css' } },
          { type: 2, tagName: 'style', childNodes: [{ type: 3, isStyle: true, textContent: css }] },
          {
            type: 2,
            tagName: 'style',
            childNodes: [{ type: 3, isStyle: true, textContent: 'small{}' }],
          },
        ],
      },
    },
  },
  {
    type: 3,
    timestamp: 2,
    data: { source: 0, adds: [{ node: { type: 2, attributes: { _cssText: css } } }] },
  },
  // A <link>'s stylesheet that loads after the snapshot arrives as an attribute change.
  {
    type: 3,
    timestamp: 3,
    data: { source: 0, adds: [], attributes: [{ id: 7, attributes: { _cssText: css } }] },
  },
];

describe('stylesheet assets', () => {
  it('replaces large inlined CSS by one reference and splices it back into the JSON text', async () => {
    const original = events();
    const { events: extracted, assets } = await extractAssets(events(), sha256Hex);
    expect(assets.size).toBe(1);
    const json = JSON.stringify(extracted);
    expect(json.length).toBeLessThan(1_000);
    expect(json).toContain('small{}'); // short styles stay inline
    const [hash] = referencedAssets(json);
    expect(hash).toBe(await sha256Hex(css));
    expect(JSON.parse(restoreAssets(json, assets))).toEqual(original);
  });

  it('leaves a reference in place when its text is unknown, and ignores look-alike strings', () => {
    const json = JSON.stringify([
      { a: '\u0000sg-asset:' + '0'.repeat(64) },
      { b: 'sg-asset:' + '1'.repeat(64) },
    ]);
    expect(restoreAssets(json, new Map())).toBe(json);
    expect(referencedAssets(json)).toEqual(['0'.repeat(64)]);
  });
});
