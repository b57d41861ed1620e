import { describe, expect, it } from 'vitest';
import { createKit, DEFAULT_RULES, DEFAULT_TAGS, textColorOn, validateKit } from '@/lib/studies';

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
  it("gives a new kit's tags a digit of their own, the keys the overlay picks tags with", () => {
    const keys = DEFAULT_TAGS.map((t) => t.key);
    for (const key of keys) expect(key).toMatch(/^[1-9]$/);
    expect(new Set(keys).size).toBe(keys.length);
    const labels = DEFAULT_TAGS.map((t) => t.label.trim().toLowerCase());
    expect(labels.every((l) => l.length > 0)).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('gives each tag a distinct colour readable on white and under the text colour the editor puts on it', () => {
    const colors = DEFAULT_TAGS.map((t) => t.color.toLowerCase());
    expect(new Set(colors).size).toBe(colors.length);
    for (const color of colors) {
      expect(color).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrast(color, '#ffffff'), color).toBeGreaterThanOrEqual(4.5);
      expect(contrast(color, textColorOn(color)), color).toBeGreaterThanOrEqual(4.5);
    }
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
    kit.tags[0]!.label = 'Renamed';
    const next = createKit(0, () => 'y');
    expect(next.rules).not.toContain('more');
    expect(next.tags[0]!.label).not.toBe('Renamed');
  });
});
