import * as z from 'zod/mini';
import type { TimelineEntry } from '../storage';

export { PROBE_EVENT } from './probe-constants';

const LIMITS = { message: 1_000, source: 1_000, stack: 4_000 } as const;

// zod/mini keeps the validator small: this ships in every recorded page.
const clipped = (max: number) =>
  z.pipe(
    z.string(),
    z.transform((s: string) => s.slice(0, max)),
  );
const position = z.number().check(z.int(), z.minimum(0), z.maximum(1e9));

// The probe runs in the page's world, so anything arriving here may be forged
// by the page: parse strictly, clip sizes, and take only the fields we store.
const probeMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('js-error'),
    message: clipped(LIMITS.message),
    source: clipped(LIMITS.source),
    line: position,
    column: position,
    stack: clipped(LIMITS.stack),
  }),
  z.object({ type: z.literal('unhandled-rejection'), reason: clipped(LIMITS.message) }),
  z.object({ type: z.literal('console-error'), message: clipped(LIMITS.message) }),
]);

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
  const parsed = probeMessage.safeParse(json);
  return parsed.success ? { ...parsed.data, ts } : null;
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
