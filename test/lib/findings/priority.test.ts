import { describe, expect, it } from 'vitest';
import { PRIORITY_RULE, priorityOf } from '@/lib/findings';
import { stableHash } from '@/lib/findings/hash';

describe('priorityOf', () => {
  it('is the reach share times the worst severity, on a 0-100 scale', () => {
    expect(priorityOf(1, 3)).toBe(100);
    expect(priorityOf(1, 1)).toBe(33);
    expect(priorityOf(0.5, 2)).toBe(33);
    expect(priorityOf(1 / 6, 1)).toBe(6);
    expect(priorityOf(0, 3)).toBe(0);
  });

  it('ranks a problem everyone hits above a worse one few hit', () => {
    expect(priorityOf(6 / 6, 1)).toBeGreaterThan(priorityOf(1 / 6, 3));
  });

  it('keeps odd shares within the scale', () => {
    expect(priorityOf(2, 3)).toBe(100);
    expect(priorityOf(-1, 3)).toBe(0);
    expect(priorityOf(Number.NaN, 3)).toBe(0);
  });

  it('is explained in one line for the UI', () => {
    expect(PRIORITY_RULE).not.toContain('\n');
    expect(PRIORITY_RULE).toMatch(/participants.*severity/);
  });
});

describe('stableHash', () => {
  it('starts with FNV-1a 32 of the text (published test vectors)', () => {
    expect(stableHash('').slice(0, 8)).toBe('811c9dc5');
    expect(stableHash('a').slice(0, 8)).toBe('e40c292c');
    expect(stableHash('foobar').slice(0, 8)).toBe('bf9cf968');
  });

  it('is 64 bits whose halves differ', () => {
    const hash = stableHash('tags|/payouts/:n|id:save|');
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(hash.slice(0, 8)).not.toBe(hash.slice(8));
    expect(stableHash('tags|/payouts/:n|id:save|')).toBe(hash);
  });
});
