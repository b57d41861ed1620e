import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IssueDraft, TrackerClient } from '@/lib/contracts';
import { createLinearClient, linearIssueId, type LinearConfig } from '@/lib/trackers';
import { startLinearServer, type LinearServer } from '../../support/contract/linear-server';

let server: LinearServer;
const results: unknown[] = [];

beforeAll(async () => {
  server = await startLinearServer();
});
afterAll(() => server.close());
afterEach(() => {
  expect(server.violations.splice(0)).toEqual([]);
});

function client(overrides: Partial<LinearConfig> = {}): TrackerClient {
  const linear = createLinearClient(
    { apiUrl: server.apiUrl, apiKey: server.apiKey, team: 'ENG', ...overrides },
    fetch,
  );
  const kept =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      const result = await call(...args);
      results.push(result);
      return result;
    };
  return {
    ...linear,
    testConnection: kept(linear.testConnection),
    findByMarker: kept(linear.findByMarker),
    createIssue: kept(linear.createIssue),
    attach: kept(linear.attach),
    addComment: kept(linear.addComment),
  };
}

const draft = (marker: string): IssueDraft => ({
  marker,
  title: 'Coupon field rejects valid codes',
  body: `**4 of 6** participants retyped the code.\n\n<sub>${marker}</sub>`,
  labels: ['ux', 'study-group'],
  attachments: [],
});

describe('linearIssueId', () => {
  it('keeps a key stable as a UUID v4, whatever the key looks like', () => {
    const v5 = '9b2c3d4e-5f60-5a7b-8c9d-0e1f2a3b4c5d';
    const id = linearIssueId(v5);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).toBe('9b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d');
    expect(linearIssueId(v5)).toBe(id);
    const other = linearIssueId('finding-7#linear');
    expect(other).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(linearIssueId('finding-7#linear')).toBe(other);
    expect(linearIssueId('finding-8#linear')).not.toBe(other);
  });
});

describe('Linear client against the Linear contract server', () => {
  it('tests the connection check by check', async () => {
    expect(await client().testConnection()).toEqual({
      type: 'ok',
      value: {
        checks: [
          { label: 'Signed in', ok: true, detail: 'As Ann Example (ann@example.com).' },
          { label: 'Team found', ok: true, detail: 'Engineering (ENG).' },
          { label: 'May create issues', ok: true, detail: 'Yes, as a member of the team.' },
          {
            label: 'May upload attachments',
            ok: true,
            detail: 'Yes: Linear lets whoever may file issues upload their files.',
          },
        ],
      },
    });
    // The team by id works as well as by key.
    const byId = await client({ team: server.team.id }).testConnection();
    expect(byId.type === 'ok' && byId.value.checks[1]).toMatchObject({ ok: true });
  });

  it('creates the issue under its client id once, finds it by marker, attaches a file, comments', async () => {
    const linear = client();
    const marker = 'sg-finding-c1';
    const key = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(await linear.findByMarker(marker)).toEqual({ type: 'ok', value: null });

    const created = await linear.createIssue(draft(marker), key);
    expect(created).toEqual({
      type: 'ok',
      value: { id: linearIssueId(key), url: 'https://linear.app/acme/issue/ENG-1' },
    });
    const stored = server.issues[0];
    expect(stored?.title).toBe('Coupon field rejects valid codes');
    // "ux" existed as a workspace label; "study-group" was made in the team.
    const names = stored?.labelIds.map((id) => server.labels.find((l) => l.id === id)?.name);
    expect(names).toEqual(['ux', 'study-group']);
    expect(server.labels.find((l) => l.name === 'study-group')?.teamId).toBe(server.team.id);

    // A retry whose first answer was lost: the same key finds the same issue, no second one.
    const again = await linear.createIssue(draft(marker), key);
    expect(again).toEqual(created);
    expect(server.issues).toHaveLength(1);

    if (created.type !== 'ok') return;
    expect(await linear.findByMarker(marker)).toEqual({ type: 'ok', value: created.value });
    expect(await linear.findByMarker('sg-finding-c')).toEqual({ type: 'ok', value: null });

    const html = new TextEncoder().encode('<!doctype html><title>replay</title>');
    const attached = await linear.attach(created.value, {
      fileName: 'replay.html',
      mime: 'text/html',
      data: html,
    });
    expect(attached.type).toBe('ok');
    const assetUrl = attached.type === 'ok' ? attached.value.url : '';
    expect(assetUrl).toMatch(/^https:\/\/uploads\.linear\.app\//);
    expect(server.stored.get(assetUrl ?? '')?.bytes.toString()).toBe(
      '<!doctype html><title>replay</title>',
    );
    expect(stored?.attachments).toEqual([
      { id: expect.any(String), title: 'replay.html', url: assetUrl },
    ]);

    expect(await linear.addComment(created.value, 'Two more participants hit this.')).toEqual({
      type: 'ok',
      value: null,
    });
    expect(stored?.comments).toEqual(['Two more participants hit this.']);
  });

  it('says the API key is refused, whether Linear answers 400 with a GraphQL error or 401', async () => {
    const bad = 'lin_api_wrong_key_4242';
    const report = await client({ apiKey: bad }).testConnection();
    const checks = report.type === 'ok' ? report.value.checks : [];
    expect(checks.map((c) => c.ok)).toEqual([false, false, false, false]);
    expect(checks[0]?.detail).toContain('refused the API key');
    expect(JSON.stringify(report)).not.toContain(bad);

    server.failNext({ status: 401, operation: 'issueCreate' });
    const created = await client().createIssue(draft('sg-finding-a'), randomKey());
    expect(created).toMatchObject({ type: 'error', status: 401, retryable: false });
    expect(created.type === 'error' && created.message).toContain('API key');
  });

  it('names the team it cannot find', async () => {
    const report = await client({ team: 'NOPE' }).testConnection();
    const checks = report.type === 'ok' ? report.value.checks : [];
    expect(checks.map((c) => c.ok)).toEqual([true, false, false, false]);
    expect(checks[1]?.detail).toContain('no team "NOPE"');
    const created = await client({ team: 'NOPE' }).createIssue(draft('sg-finding-n'), randomKey());
    expect(created).toMatchObject({ type: 'error', status: 404, retryable: false });
  });

  it('retries rate limits with the reset time or Retry-After, 5xx and network failures', async () => {
    server.failNext({ status: 429, retryAfter: 30, operation: 'issues' });
    const limited = await client().findByMarker('sg-finding-r');
    expect(limited).toMatchObject({ type: 'error', status: 400, retryable: true });
    const seconds = limited.type === 'error' ? limited.retryAfterSeconds : undefined;
    expect(seconds).toBeGreaterThanOrEqual(29);
    expect(seconds).toBeLessThanOrEqual(30);

    server.failNext({ status: 429, retryAfter: 12, http429: true, operation: 'viewer' });
    expect(await client().testConnection()).toMatchObject({
      type: 'error',
      status: 429,
      retryable: true,
      retryAfterSeconds: 12,
    });

    server.failNext({ status: 500, operation: 'commentCreate' });
    const issue = server.issues[0];
    const failed = await client().addComment({ id: issue?.id ?? '', url: issue?.url ?? '' }, 'x');
    expect(failed).toMatchObject({ type: 'error', status: 500, retryable: true });

    server.failNext({ status: 404 });
    const lost = await client().findByMarker('sg-finding-r');
    expect(lost).toMatchObject({ type: 'error', status: 404, retryable: false });
    expect(lost.type === 'error' && lost.message).toContain('check the API URL');

    const offline = await createLinearClient(
      { apiUrl: 'http://127.0.0.1:9/graphql', apiKey: server.apiKey, team: 'ENG' },
      fetch,
    ).findByMarker('sg-finding-r');
    expect(offline).toMatchObject({ type: 'error', status: null, retryable: true });
  });

  it('fails, not waits, when Linear answers but its file storage cannot be reached', async () => {
    const issue = server.issues[0];
    const blocked = createLinearClient(
      { apiUrl: server.apiUrl, apiKey: server.apiKey, team: 'ENG' },
      (url, init) =>
        new URL(url).pathname.startsWith('/storage/')
          ? Promise.reject(new TypeError('Failed to fetch'))
          : fetch(url, init),
    );
    const result = await blocked.attach(
      { id: issue?.id ?? '', url: issue?.url ?? '' },
      { fileName: 'shot.png', mime: 'image/png', data: new Uint8Array([1, 2, 3]) },
    );
    expect(result).toMatchObject({ type: 'error', status: null, retryable: false });
    expect(result.type === 'error' && result.message).toContain(
      `may need access to ${new URL(server.url).host}`,
    );
    expect(issue?.attachments).toHaveLength(1);
  });

  it('sends the key only in the Authorization header of API requests: never to storage, never in a body', () => {
    expect(server.requests.length).toBeGreaterThan(15);
    const secret = Buffer.from(server.apiKey);
    let uploads = 0;
    for (const request of server.requests) {
      expect(request.body.includes(secret)).toBe(false);
      expect(request.url).not.toContain(server.apiKey);
      const { authorization, ...rest } = request.headers;
      expect(JSON.stringify(rest)).not.toContain(server.apiKey);
      if (request.url.startsWith('/storage/')) {
        uploads += 1;
        expect(authorization).toBeUndefined();
      }
    }
    expect(uploads).toBe(1);
    const text = JSON.stringify(results);
    expect(results.length).toBeGreaterThan(10);
    expect(text).not.toContain(server.apiKey);
  });
});

function randomKey(): string {
  return crypto.randomUUID();
}
