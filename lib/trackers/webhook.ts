import { z } from 'zod';
import type {
  AttachedFile,
  ConnectionReport,
  IssueAttachment,
  IssueDraft,
  RemoteIssue,
  TrackerClient,
  TrackerTarget,
} from '../contracts';
import { toBase64, toHex } from './bytes';
import {
  errorResult,
  parseRetryAfter,
  type FetchLike,
  type TrackerError,
  type TrackerResult,
} from './http';

export type WebhookTarget = Extract<TrackerTarget, { type: 'webhook' }>;

export const WEBHOOK_SIGNATURE_HEADER = 'X-Study-Group-Signature';
export const WEBHOOK_EVENT_HEADER = 'X-Study-Group-Event';
/** Past this many attachment bytes, a finding goes without its files' contents (names only). */
export const WEBHOOK_MAX_INLINE_BYTES = 20 * 1024 * 1024;

export interface WebhookAttachment {
  fileName: string;
  mime: string;
  size: number;
  /** Base64 of the bytes; absent when `attachmentsInline` is false. */
  data?: string;
}

/** The JSON body of one finding (docs/tracker-export.md has the schema). */
export interface WebhookFindingEvent {
  type: 'finding';
  version: 1;
  key: string;
  marker: string;
  title: string;
  body: string;
  labels: string[];
  attachmentsInline: boolean;
  attachments: WebhookAttachment[];
}

export interface WebhookCommentEvent {
  type: 'comment';
  version: 1;
  key: string;
  issue: RemoteIssue;
  body: string;
}

/** Sent by "Test connection" only. */
export interface WebhookPingEvent {
  type: 'ping';
  version: 1;
  key: string;
}

export type WebhookEvent = WebhookFindingEvent | WebhookCommentEvent | WebhookPingEvent;

const answerSchema = z.object({
  id: z.union([z.string().min(1), z.number()]),
  url: z
    .string()
    .refine((url) => /^https?:\/\//i.test(url))
    .optional(),
});

/** The finding as the webhook gets it: the files inline unless together they are too big. */
export function webhookFindingEvent(
  draft: IssueDraft,
  key: string,
  maxInlineBytes = WEBHOOK_MAX_INLINE_BYTES,
): WebhookFindingEvent {
  const total = draft.attachments.reduce((sum, file) => sum + file.data.length, 0);
  const inline = total <= maxInlineBytes;
  return {
    type: 'finding',
    version: 1,
    key,
    marker: draft.marker,
    title: draft.title,
    body: draft.body,
    labels: draft.labels,
    attachmentsInline: inline,
    attachments: draft.attachments.map((file: IssueAttachment) => ({
      fileName: file.fileName,
      mime: file.mime,
      size: file.data.length,
      ...(inline ? { data: toBase64(file.data) } : {}),
    })),
  };
}

/**
 * A generic webhook: one signed JSON POST per finding (and per comment). The
 * receiver decides what an issue is; its `{ id, url }` answer, when it sends
 * one, is the remote issue, else the idempotency key and the webhook's origin.
 */
export function createWebhookClient(
  target: WebhookTarget,
  fetchFn: FetchLike,
  cryptoImpl: Pick<Crypto, 'subtle'> = globalThis.crypto,
  now: () => number = Date.now,
  maxInlineBytes = WEBHOOK_MAX_INLINE_BYTES,
): TrackerClient {
  const encoder = new TextEncoder();
  let origin = '';
  const secrets = [target.secret];
  try {
    const parsed = new URL(target.url);
    origin = parsed.origin;
    // Many webhook URLs carry their own token in the path or query: never repeat it.
    const tail = `${parsed.pathname}${parsed.search}`;
    if (tail.length > 1) secrets.push(target.url, tail);
  } catch {
    origin = '';
  }
  const where = origin || 'the webhook URL';

  async function signature(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
    const key = await cryptoImpl.subtle.importKey(
      'raw',
      encoder.encode(target.secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    return `sha256=${toHex(await cryptoImpl.subtle.sign('HMAC', key, bytes))}`;
  }

  async function failure(response: Response, what: string): Promise<TrackerError> {
    const status = response.status;
    const retryAfter = parseRetryAfter(response.headers.get('Retry-After'), now());
    if (status === 401 || status === 403) {
      return errorResult(
        status,
        `The webhook at ${where} refused ${what} (${status}): check the signing secret in the tracker settings; the receiver checks the ${WEBHOOK_SIGNATURE_HEADER} header.`,
        secrets,
      );
    }
    if (status === 404 || status === 410) {
      return errorResult(
        status,
        `Nothing receives webhooks there (${status}) when ${what}: check the webhook URL (at ${where}).`,
        secrets,
      );
    }
    if (status === 413) {
      return errorResult(
        status,
        `The webhook at ${where} refused ${what} as too large (413).`,
        secrets,
      );
    }
    if (status === 429) {
      return errorResult(
        status,
        `The webhook at ${where} is rate limiting (429) ${what}.`,
        secrets,
        retryAfter,
      );
    }
    if (status >= 500) {
      return errorResult(
        status,
        `The webhook at ${where} failed (${status}) on ${what}; try again later.`,
        secrets,
        retryAfter,
      );
    }
    return errorResult(status, `The webhook at ${where} answered ${status} to ${what}.`, secrets);
  }

  async function send(
    event: WebhookEvent,
    what: string,
  ): Promise<TrackerResult<z.infer<typeof answerSchema> | null>> {
    if (!origin) {
      return {
        type: 'error',
        retryable: false,
        status: null,
        message: 'The webhook URL is not a valid http(s) URL: fix it in the tracker settings.',
      };
    }
    const bytes = encoder.encode(JSON.stringify(event));
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'Idempotency-Key': event.key,
      [WEBHOOK_EVENT_HEADER]: event.type,
    };
    if (target.secret) headers[WEBHOOK_SIGNATURE_HEADER] = await signature(bytes);
    let response: Response;
    try {
      response = await fetchFn(target.url, { method: 'POST', headers, body: bytes });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return errorResult(null, `Could not reach the webhook at ${where} (${reason}).`, secrets);
    }
    if (!response.ok) return failure(response, what);
    let json: unknown = null;
    try {
      json = JSON.parse(await response.text());
    } catch {
      // A receiver need not answer with JSON.
    }
    const parsed = answerSchema.safeParse(json);
    return { type: 'ok', value: parsed.success ? parsed.data : null };
  }

  /** A `ping` event, as webhook senders commonly do: reachability and the signature, no finding. */
  async function testConnection(): Promise<TrackerResult<ConnectionReport>> {
    const key = `ping-${now()}`;
    const sent = await send({ type: 'ping', version: 1, key }, 'a test ping');
    const signed = target.secret
      ? `Requests carry ${WEBHOOK_SIGNATURE_HEADER}: sha256=<HMAC-SHA256 of the body>.`
      : 'No secret: requests are not signed.';
    if (sent.type === 'ok') {
      return {
        type: 'ok',
        value: {
          checks: [
            { label: 'Webhook reached', ok: true, detail: `${origin} accepted a test ping.` },
            { label: 'Signature', ok: true, detail: signed },
          ],
        },
      };
    }
    if (sent.retryable) return sent;
    const refused = sent.status === 401 || sent.status === 403;
    return {
      type: 'ok',
      value: {
        checks: [
          {
            label: 'Webhook reached',
            ok: refused,
            detail: refused ? `${origin} answered.` : sent.message,
          },
          { label: 'Signature', ok: !refused, detail: refused ? sent.message : signed },
        ],
      },
    };
  }

  async function createIssue(draft: IssueDraft, key: string): Promise<TrackerResult<RemoteIssue>> {
    const sent = await send(
      webhookFindingEvent(draft, key, maxInlineBytes),
      `the finding "${draft.title}"`,
    );
    if (sent.type === 'error') return sent;
    const answer = sent.value;
    return {
      type: 'ok',
      value: answer
        ? { id: String(answer.id), url: answer.url ?? origin }
        : { id: key, url: origin },
    };
  }

  async function addComment(issue: RemoteIssue, body: string): Promise<TrackerResult<null>> {
    // The same comment sent again carries the same key, so a receiver can drop the repeat.
    const digest = await cryptoImpl.subtle.digest(
      'SHA-256',
      encoder.encode(`${issue.id}\n${body}`),
    );
    const key = `comment-${toHex(digest).slice(0, 32)}`;
    const sent = await send(
      { type: 'comment', version: 1, key, issue, body },
      `a comment on ${issue.id}`,
    );
    return sent.type === 'ok' ? { type: 'ok', value: null } : sent;
  }

  async function attach(
    _issue: RemoteIssue,
    file: IssueAttachment,
  ): Promise<TrackerResult<AttachedFile>> {
    return {
      type: 'error',
      retryable: false,
      status: null,
      message: `A webhook gets files inline with the finding, not one by one (${file.fileName}).`,
    };
  }

  return {
    type: 'webhook',
    attachesFiles: false,
    testConnection,
    findByMarker: async () => ({ type: 'ok', value: null }),
    createIssue,
    attach,
    addComment,
  };
}
