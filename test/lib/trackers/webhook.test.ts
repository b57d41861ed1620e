import { afterEach, describe, expect, it } from 'vitest';
import type { IssueDraft, TrackerResult } from '@/lib/contracts';
import {
  createTrackerClient,
  createWebhookClient,
  WEBHOOK_MAX_INLINE_BYTES,
  type FetchLike,
  type WebhookTarget,
} from '@/lib/trackers';
import { freePort, secretLeaks } from '../../support/contract/http-contract';
import { startWebhookServer, type WebhookServer } from '../../support/contract/webhook-server';

const SECRET = 'whsec_SECRET0123456789abcdef';
const realFetch: FetchLike = (url, init) => fetch(url, init);

let server: WebhookServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function targetFor(url: string, secret = SECRET): WebhookTarget {
  return { type: 'webhook', id: 'w', name: 'Hook', labels: [], url, secret };
}

async function setup(secret = SECRET, path?: string) {
  server = await startWebhookServer({ secret, path });
  return {
    s: server,
    client: createWebhookClient(targetFor(server.hookUrl, secret), realFetch, crypto, () => 0),
  };
}

function ok<T>(result: TrackerResult<T>): T {
  if (result.type !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.value;
}

const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 255]);
const html = new TextEncoder().encode('<!doctype html><title>replay</title>');
const draft: IssueDraft = {
  marker: 'sg-finding-f1',
  title: 'Checkout button hidden',
  body: '## Summary\n\nThe customer could not find it.\n',
  labels: ['study-group', 'sg-finding-f1'],
  attachments: [
    { fileName: 'shot-1.png', mime: 'image/png', data: png },
    { fileName: 'replay.html', mime: 'text/html', data: html },
  ],
};
const KEY = '0b7c1a8e-2f4d-4c55-9a51-3d1e6f0a9b21';

describe('createWebhookClient against a webhook receiver', () => {
  it('tests the connection with a signed ping', async () => {
    const { s, client } = await setup();
    expect(ok(await client.testConnection()).checks.map((c) => [c.label, c.ok])).toEqual([
      ['Webhook reached', true],
      ['Signature', true],
    ]);
    expect(s.deliveries[0]?.event.type).toBe('ping');

    const wrong = createWebhookClient(targetFor(s.hookUrl, 'other-secret'), realFetch);
    const refused = ok(await wrong.testConnection()).checks;
    expect(refused.map((c) => c.ok)).toEqual([true, false]);
    expect(refused[1]?.detail).toContain('signing secret');

    const lost = createWebhookClient(targetFor(`${s.url}/nope`), realFetch);
    expect(ok(await lost.testConnection()).checks[0]).toMatchObject({ ok: false });
    expect(s.violations).toEqual([]);
  });

  it('POSTs the finding signed, with its files inline, once per key', async () => {
    const { s, client } = await setup();
    expect(client.attachesFiles).toBe(false);
    const issue = ok(await client.createIssue(draft, KEY));
    expect(issue).toEqual({ id: 'hook-1', url: `${s.url}/received/hook-1` });
    const delivery = s.deliveries[0];
    expect(delivery?.key).toBe(KEY);
    expect(delivery?.event).toMatchObject({
      type: 'finding',
      version: 1,
      key: KEY,
      marker: 'sg-finding-f1',
      title: draft.title,
      body: draft.body,
      labels: draft.labels,
      attachmentsInline: true,
    });
    expect([...(delivery?.files.get('shot-1.png') ?? [])]).toEqual([...png]);
    expect(delivery?.files.get('replay.html')?.toString()).toBe(
      '<!doctype html><title>replay</title>',
    );
    const request = s.requests[0];
    expect(request?.headers['idempotency-key']).toBe(KEY);
    expect(request?.headers['x-study-group-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);

    // A retry sends the same bytes: same signature, and the receiver answers the same issue.
    expect(ok(await client.createIssue(draft, KEY))).toEqual(issue);
    expect(s.requests[1]?.body.equals(request?.body ?? Buffer.alloc(0))).toBe(true);
    expect(s.ids.size).toBe(1);

    s.answersJson = false;
    expect(ok(await client.createIssue(draft, 'other-key'))).toEqual({
      id: 'other-key',
      url: s.url,
    });
    expect(s.violations).toEqual([]);
  });

  it('sends names only, and says so, when the files are too big to go inline', async () => {
    const { s } = await setup();
    expect(WEBHOOK_MAX_INLINE_BYTES).toBe(20 * 1024 * 1024);
    const small = createWebhookClient(targetFor(s.hookUrl), realFetch, crypto, Date.now, 16);
    ok(await small.createIssue(draft, KEY));
    expect(s.deliveries[0]?.event).toMatchObject({
      attachmentsInline: false,
      attachments: [
        { fileName: 'shot-1.png', mime: 'image/png', size: 10 },
        { fileName: 'replay.html', mime: 'text/html', size: html.length },
      ],
    });
    expect(s.deliveries[0]?.files.size).toBe(0);
    expect(s.violations).toEqual([]);
  });

  it('sends unsigned without a secret, comments as events, finds nothing by marker', async () => {
    const { s, client } = await setup('');
    const issue = ok(await client.createIssue({ ...draft, attachments: [] }, KEY));
    expect(s.requests[0]?.headers['x-study-group-signature']).toBeUndefined();
    expect(ok(await client.addComment(issue, 'Two more hit this.'))).toBeNull();
    ok(await client.addComment(issue, 'Two more hit this.'));
    const comments = s.deliveries.filter((d) => d.event.type === 'comment');
    expect(comments.map((d) => d.event)).toEqual([
      { type: 'comment', version: 1, key: comments[0]?.key, issue, body: 'Two more hit this.' },
      { type: 'comment', version: 1, key: comments[0]?.key, issue, body: 'Two more hit this.' },
    ]);
    expect(comments[0]?.key).toMatch(/^comment-[0-9a-f]{32}$/);
    expect(ok(await client.findByMarker('sg-finding-f1'))).toBeNull();
    const shot = draft.attachments[0];
    if (!shot) throw new Error('fixture');
    expect(await client.attach(issue, shot)).toMatchObject({ type: 'error', retryable: false });
    expect(s.violations).toEqual([]);
  });

  it('maps a refused signature, 404, 429 with Retry-After, 500 and no answer', async () => {
    const { s, client } = await setup();
    const wrong = createWebhookClient(targetFor(s.hookUrl, 'nope'), realFetch);
    const refused = await wrong.createIssue(draft, KEY);
    expect(refused).toMatchObject({ status: 401, retryable: false });
    expect(refused.type === 'error' && refused.message).toContain('signing secret');

    const lost = await createWebhookClient(targetFor(`${s.url}/x`), realFetch).createIssue(
      draft,
      KEY,
    );
    expect(lost).toMatchObject({ status: 404, retryable: false });
    expect(lost.type === 'error' && lost.message).toContain('check the webhook URL');

    s.failNext({ status: 429, retryAfter: '30' });
    expect(await client.createIssue(draft, KEY)).toMatchObject({
      status: 429,
      retryable: true,
      retryAfterSeconds: 30,
    });
    s.failNext({ status: 503 });
    expect(await client.addComment({ id: 'x', url: 'u' }, 'c')).toMatchObject({
      status: 503,
      retryable: true,
    });
    const offline = createWebhookClient(
      targetFor(`http://127.0.0.1:${await freePort()}/hook`),
      realFetch,
    );
    expect(await offline.createIssue(draft, KEY)).toMatchObject({ status: null, retryable: true });
    expect(s.deliveries).toEqual([]);
    expect(s.violations).toEqual([]);
  });

  it('never sends or returns the secret, nor the token in the hook URL', async () => {
    const { s } = await setup(SECRET, '/hooks/study-group?token=urlTOKEN12345');
    const client = createWebhookClient(targetFor(s.hookUrl), realFetch);
    const results: unknown[] = [await client.testConnection()];
    const issue = ok(await client.createIssue(draft, KEY));
    results.push(issue, await client.addComment(issue, 'c'));
    for (const status of [401, 403, 404, 429, 500] as const) {
      s.failNext({ status });
      results.push(await client.createIssue(draft, KEY));
    }
    const offline = createWebhookClient(
      targetFor(`http://127.0.0.1:${await freePort()}/h?token=urlTOKEN12345`),
      realFetch,
    );
    results.push(await offline.createIssue(draft, KEY), await offline.testConnection());
    expect(secretLeaks(s.requests, SECRET, 'none')).toEqual([]);
    const text = JSON.stringify(results);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('urlTOKEN12345');
    expect(s.violations).toEqual([]);
  });
});

describe('createTrackerClient with a webhook target', () => {
  it('gives the webhook client, signing with the platform crypto', async () => {
    server = await startWebhookServer({ secret: SECRET });
    const client = createTrackerClient(targetFor(server.hookUrl), {
      fetch: realFetch,
      now: Date.now,
    });
    expect(client.type).toBe('webhook');
    expect(client.attachesFiles).toBe(false);
    expect(ok(await client.createIssue(draft, KEY)).id).toBe('hook-1');
    expect(server.violations).toEqual([]);
  });
});
