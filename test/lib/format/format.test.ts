import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime, formatDuration, formatUrlPath, UNKNOWN } from '@/lib/format';

const anything = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(1e300, -1e300, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, -0, NaN, Infinity),
  fc.string(),
  fc.constant(null),
  fc.constant(undefined),
  fc.object(),
);

describe('formatting stored values', () => {
  it('never throws, whatever a record holds', () => {
    fc.assert(
      fc.property(anything, (value) => {
        for (const format of [formatBytes, formatDateTime, formatDuration, formatUrlPath]) {
          expect(typeof format(value)).toBe('string');
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('formats durations', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(65_000)).toBe('01:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-5_000)).toBe('00:00');
    expect(formatDuration(1e300)).toBe(UNKNOWN);
    expect(formatDuration(NaN)).toBe(UNKNOWN);
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1_024 ** 3)).toBe('5.0 GB');
    expect(formatBytes(1e300)).toBe(`${(1e300 / 1_024 ** 4).toFixed(1)} TB`);
    expect(formatBytes(-1)).toBe(UNKNOWN);
  });

  it('formats dates in range, and says when one is not', () => {
    const utc = new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeZone: 'UTC' });
    expect(formatDateTime(0, utc)).toBe('01/01/1970');
    expect(formatDateTime(8.64e15, utc)).toBe('13/09/275760');
    expect(formatDateTime(1e300)).toBe('Invalid date');
    expect(formatDateTime(Number.MAX_SAFE_INTEGER)).toBe('Invalid date');
  });

  it('shows the path of web URLs and any other URL as text', () => {
    expect(formatUrlPath('https://shop.example.com/pay/new?x=1')).toBe('/pay/new');
    expect(formatUrlPath('javascript:x')).toBe('javascript:x');
    expect(formatUrlPath('not a url')).toBe('not a url');
    expect(formatUrlPath('x'.repeat(300))).toBe(`${'x'.repeat(200)}…`);
  });
});
