import type { z } from 'zod';
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

export interface JsonRequest<S extends z.ZodType> {
  fetch: FetchLike;
  url: string;
  init: RequestInit;
  /** The tracker's name and where it lives, for messages: "Could not reach GitLab at …". */
  tracker: string;
  base: string;
  /** What the request does, in words ("creating the issue"). */
  what: string;
  /** The answer's shape; null when the answer's body does not matter. */
  schema: S | null;
  secrets: readonly string[];
  /** The tracker's own reading of an error status (which credential, which project). */
  failure: (response: Response) => Promise<TrackerError>;
}

/**
 * One request whose answer is JSON of a known shape: an unreachable host, an
 * error status and an unexpected answer each become a TrackerError, never a throw.
 */
export async function fetchJson<S extends z.ZodType>(
  req: JsonRequest<S>,
): Promise<TrackerResult<z.infer<S>>> {
  const { tracker, what, secrets } = req;
  let response: Response;
  try {
    response = await req.fetch(req.url, req.init);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return errorResult(null, `Could not reach ${tracker} at ${req.base} (${reason}).`, secrets);
  }
  if (!response.ok) return req.failure(response);
  if (req.schema === null) return { type: 'ok', value: null as z.infer<S> };
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return errorResult(
      response.status,
      `${tracker} answered ${what} with something not JSON.`,
      secrets,
    );
  }
  const parsed = req.schema.safeParse(json);
  if (!parsed.success) {
    return errorResult(
      response.status,
      `${tracker}'s answer to ${what} was not as expected.`,
      secrets,
    );
  }
  return { type: 'ok', value: parsed.data as z.infer<S> };
}
