export interface Interval {
  /** The observed proportion, successes / n. */
  point: number;
  low: number;
  high: number;
}

/**
 * The Adjusted Wald interval for a proportion (Sauro & Lewis): the Wald
 * interval around (x + z²/2) / (n + z²), which holds at the small samples of a
 * study group; clamped to [0, 1]. 3 of 6 at 95% -> 0.19..0.81. Null for n = 0.
 */
export function adjustedWald(successes: number, n: number, z = 1.96): Interval | null {
  if (!(n > 0) || !Number.isFinite(n)) return null;
  const x = Math.min(n, Math.max(0, successes));
  const z2 = z * z;
  const adjusted = (x + z2 / 2) / (n + z2);
  const margin = z * Math.sqrt((adjusted * (1 - adjusted)) / (n + z2));
  return {
    point: x / n,
    low: Math.max(0, adjusted - margin),
    high: Math.min(1, adjusted + margin),
  };
}
