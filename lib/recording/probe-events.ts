import type { TimelineEntry } from '../contracts';

const LIMITS = { message: 1_000, source: 1_000, stack: 4_000 } as const;

// The probe runs in the page's world, so anything arriving here may be forged
// by the page: check strictly, clip sizes, and take only the fields we store.
// Checked by hand rather than with zod: three flat shapes, in a script that is
// injected into every recorded page, where zod's core would double its size.
type Fields = Record<string, unknown>;

const text = (value: unknown, max: number): string | null =>
  typeof value === 'string' ? value.slice(0, max) : null;

const position = (value: unknown): number | null =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 1e9
    ? (value as number)
    : null;

function toEntry(m: Fields, ts: number): TimelineEntry | null {
  switch (m.type) {
    case 'js-error': {
      const message = text(m.message, LIMITS.message);
      const source = text(m.source, LIMITS.source);
      const stack = text(m.stack, LIMITS.stack);
      const line = position(m.line);
      const column = position(m.column);
      return message === null ||
        source === null ||
        stack === null ||
        line === null ||
        column === null
        ? null
        : { type: 'js-error', ts, message, source, line, column, stack };
    }
    case 'unhandled-rejection': {
      const reason = text(m.reason, LIMITS.message);
      return reason === null ? null : { type: 'unhandled-rejection', ts, reason };
    }
    case 'console-error': {
      const message = text(m.message, LIMITS.message);
      return message === null ? null : { type: 'console-error', ts, message };
    }
    default:
      return null;
  }
}

/** Raw detail larger than this is dropped unread. */
const MAX_DETAIL_CHARS = 16_000;

export function parseProbeDetail(detail: unknown, ts: number): TimelineEntry | null {
  if (typeof detail !== 'string' || detail.length > MAX_DETAIL_CHARS) return null;
  let json: unknown;
  try {
    json = JSON.parse(detail);
  } catch {
    return null;
  }
  return typeof json === 'object' && json !== null && !Array.isArray(json)
    ? toEntry(json as Fields, ts)
    : null;
}

/**
 * Token bucket: a page that throws in a loop (or forges probe events) costs a
 * bounded amount. `perSecond` refill, `burst` capacity, `total` per page load.
 */
export function createRateLimiter(
  now: () => number,
  {
    perSecond = 5,
    burst = 20,
    total = 500,
  }: { perSecond?: number; burst?: number; total?: number } = {},
) {
  let tokens = burst;
  let last = now();
  let used = 0;
  return function allow(): boolean {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) / 1_000) * perSecond);
    last = t;
    if (tokens < 1 || used >= total) return false;
    tokens -= 1;
    used += 1;
    return true;
  };
}
