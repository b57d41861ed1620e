import { describe, expect, it } from 'vitest';
import { createKit, DEFAULT_RULES, DEFAULT_TAGS, validateKit } from '@/lib/studies';

/** WCAG relative luminance contrast. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const v = parseInt(hex.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('kit defaults', () => {
  it('has the six default tags on keys 1-6', () => {
    expect(DEFAULT_TAGS.map((t) => [t.label, t.key])).toEqual([
      ['Confused', '1'],
      ['Stuck', '2'],
      ['Slow', '3'],
      ['Broken', '4'],
      ['Wording', '5'],
      ['Delight', '6'],
    ]);
  });

  it('gives each tag a distinct colour readable on white and under white text', () => {
    const colors = DEFAULT_TAGS.map((t) => t.color);
    expect(new Set(colors).size).toBe(colors.length);
    for (const color of colors) {
      expect(color).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrast(color, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('has the two default rules', () => {
    expect(DEFAULT_RULES).toEqual([
      'You do not work here: use only what a customer would see.',
      "We are not here to solve problems: notice and note, don't fix.",
    ]);
  });

  it('creates a valid kit from the given clock and ids', () => {
    let n = 0;
    const kit = createKit(1_234, () => `id-${++n}`);
    expect(kit.id).toBe('id-1');
    expect(kit.tags.map((t) => t.id)).toEqual(['id-2', 'id-3', 'id-4', 'id-5', 'id-6', 'id-7']);
    expect(kit.rules).toEqual(DEFAULT_RULES);
    expect(kit).toMatchObject({
      createdAt: 1_234,
      updatedAt: 1_234,
      timeBoxMinutes: null,
      tasks: [],
    });
    expect(validateKit(kit)).toEqual({ type: 'ok', kit });
  });

  it('does not share the default arrays between kits', () => {
    const kit = createKit(0, () => 'x');
    kit.rules.push('more');
    expect(DEFAULT_RULES).toHaveLength(2);
  });
});
