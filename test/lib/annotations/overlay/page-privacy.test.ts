import { describe, expect, it } from 'vitest';
import { matchesAny, pagePrivacy } from '@/lib/annotations/overlay/page-privacy';

const USER = { blockSelector: '.sg-block, #card', maskTextSelector: '.sg-mask, .name' };

describe('pagePrivacy', () => {
  it("adds the user's and the kit's selectors to the built-in ones", () => {
    const p = pagePrivacy(USER);
    expect(p.block).toEqual(['.sg-block', '.sg-block, #card']);
    for (const list of [p.masked, p.hideText, p.cover]) {
      expect(list).toEqual(expect.arrayContaining(['.sg-block', '.sg-mask', USER.blockSelector]));
      expect(list).toContain(USER.maskTextSelector);
    }
  });

  it('keeps the built-in ones when the settings are empty', () => {
    const p = pagePrivacy({ blockSelector: '', maskTextSelector: ' ' });
    expect(p.block).toEqual(['.sg-block']);
    expect(p.hideText).toHaveLength(3);
    expect(p.masked).toEqual(['.sg-block', '.sg-mask']);
    expect(p.hideText.join()).toMatch(/input, textarea, select, \[contenteditable\]/);
    expect(p.cover.join()).toMatch(/\[contenteditable\]:not\(\[contenteditable="false"\]\)/);
  });

  it('covers typed-in fields, not buttons, in screenshots', () => {
    const fields = pagePrivacy(USER).cover.find((s) => s.includes('textarea'))!;
    expect(fields).toMatch(/^input:not\(\[type="button" i\], \[type="submit" i\]/);
  });
});

/** An element that knows only `.ok` and refuses `div[` as a browser does. */
const element = (matching: string[]) => {
  const test = (selector: string) => {
    if (selector === 'div[') throw new SyntaxError(`'${selector}' is not a valid selector`);
    return matching.includes(selector);
  };
  return {
    matches: test,
    closest: (selector: string) => (test(selector) ? {} : null),
  } as unknown as Element;
};

describe('matchesAny', () => {
  it('matches any of the selectors, on the element or around it', () => {
    expect(matchesAny(element(['.ok']), ['.no', '.ok'])).toBe(true);
    expect(matchesAny(element(['.ok']), ['.no'])).toBe(false);
    expect(matchesAny(element(['.ok']), ['.ok'], true)).toBe(true);
  });

  it('fails closed: a selector the browser refuses counts as a match', () => {
    expect(matchesAny(element([]), ['.no', 'div['])).toBe(true);
    expect(matchesAny(element([]), ['div['], true)).toBe(true);
  });
});
