import type { TrackerResult } from '../contracts';

export type { TrackerResult };

/** The subset of `fetch` the clients use, injected so tests can see every request. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type TrackerError = Extract<TrackerResult<unknown>, { type: 'error' }>;

/** Replaces every occurrence of each secret so no message can leak one. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

export function errorResult(
  status: number | null,
  message: string,
  secrets: readonly string[],
  retryAfterSeconds?: number,
): TrackerError {
  const retryable = status === null || isRetryableStatus(status);
  const result: TrackerError = {
    type: 'error',
    retryable,
    status,
    message: redact(message, secrets),
  };
  if (retryAfterSeconds !== undefined) result.retryAfterSeconds = retryAfterSeconds;
  return result;
}
