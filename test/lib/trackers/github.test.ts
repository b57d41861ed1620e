import { afterEach, describe, expect, it } from 'vitest';
import type { IssueDraft, TrackerResult } from '@/lib/contracts';
import {
  createGithubClient,
  createTrackerClient,
  type FetchLike,
  type GithubTarget,
} from '@/lib/trackers';
import { freePort, secretLeaks } from '../../support/contract/http-contract';
import { startGithubServer, type GithubServer } from '../../support/contract/github-server';

const TOKEN = 'ghp_SECRETtoken0123456789abcdefABCDEF';
const realFetch: FetchLike = (url, init) => fetch(url, init);

let server: GithubServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function setup(
  evidence: GithubTarget['evidence'] = { type: 'branch', branch: 'study-group/evidence' },
  repo: Parameters<typeof startGithubServer>[0]['repo'] = {},
) {
  server = await startGithubServer({ token: TOKEN, repo });
  const target: GithubTarget = {
    type: 'github',
    id: 't1',
    name: 'Shop GitHub',
    labels: [],
    apiUrl: `${server.url}/`,
    owner: 'acme',
    repo: 'shop',
    token: TOKEN,
    evidence,
  };
  return { s: server, client: createGithubClient(target, realFetch, () => 1_000_000) };
}

function ok<T>(result: TrackerResult<T>): T {
  if (result.type !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.value;
}

const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 255]);
const draft: IssueDraft = {
  marker: 'sg-finding-f1',
  title: 'Checkout button hidden',
  body: [
    '## Summary',
    'The customer could not find it.',
    '## Evidence',
    '- `checkout-ann-1.png`\n- `replay.html`',
    '---',
    'Filed by Study Group · marker `sg-finding-f1`',
    '',
  ].join('\n\n'),
  labels: ['study-group', 'confusing-ui', 'sg-finding-f1'],
  attachments: [
    { fileName: 'checkout-ann-1.png', mime: 'image/png', data: png },
    { fileName: 'replay.html', mime: 'text/html', data: new TextEncoder().encode('<html>') },
  ],
};

function checks(
  result: TrackerResult<{ checks: { label: string; ok: boolean; detail: string }[] }>,
) {
  return ok(result).checks.map((c) => [c.label, c.ok]);
}

describe('createGithubClient against the GitHub contract server', () => {
  it('reports each connection check, with the branch to be created', async () => {
    const { s, client } = await setup();
    const result = await client.testConnection();
    expect(checks(result)).toEqual([
      ['Signed in', true],
      ['Repository found', true],
      ['May create issues', true],
      ['May upload attachments', true],
    ]);
    expect(ok(result).checks[3]?.detail).toContain('first export creates it from "main"');
    s.branches.set('study-group/evidence', 'b'.repeat(40));
    const again = ok(await client.testConnection()).checks[3];
    expect(again?.detail).toBe('Evidence is committed to branch "study-group/evidence".');
    expect(s.requests.at(-1)?.rawUrl).toBe('/repos/acme/shop/branches/study-group/evidence');
    expect(s.violations).toEqual([]);
  });

  it('says what is wrong: the token, the repository, scopes, issues off, no push for a branch', async () => {
    const { s, client } = await setup();
    s.failNext({ status: 401 });
    const bad = ok(await client.testConnection()).checks;
    expect(bad.map((c) => c.ok)).toEqual([false, false, false, false]);
    expect(bad[0]?.detail).toMatch(/refused the token \(401\)/);
    expect(bad[1]?.detail).toBe('Not checked: fix the problem above first.');

    const missing = createGithubClient(
      {
        type: 'github',
        id: 't',
        name: 'n',
        labels: [],
        apiUrl: s.url,
        owner: 'acme',
        repo: 'nope',
        token: TOKEN,
        evidence: { type: 'local' },
      },
      realFetch,
    );
    const gone = ok(await missing.testConnection()).checks;
    expect(gone.map((c) => [c.label, c.ok])).toEqual([
      ['Signed in', true],
      ['Repository found', false],
      ['May create issues', false],
      ['Evidence kept locally', false],
    ]);
    expect(gone[1]?.detail).toContain('"acme/nope"');

    s.scopes = ['read:user'];
    expect(ok(await client.testConnection()).checks[2]?.detail).toContain('do not include "repo"');
    s.scopes = null;
    s.repo.hasIssues = false;
    const off = createGithubClient({ ...baseTarget(s), evidence: { type: 'local' } }, realFetch);
    expect(ok(await off.testConnection()).checks[2]).toMatchObject({ ok: false });
    s.repo.hasIssues = true;
    s.repo.permissions = { admin: false, maintain: false, push: false, triage: false, pull: true };
    const readOnly = createGithubClient(baseTarget(s), realFetch);
    expect(checks(await readOnly.testConnection())).toEqual([
      ['Signed in', true],
      ['Repository found', true],
      ['May create issues', false],
      ['May upload attachments', false],
    ]);
    expect(s.violations).toEqual([]);
  });

  it('creates, finds by marker, commits evidence to the branch and links it, comments', async () => {
    const { s, client } = await setup();
    expect(client.attachesFiles).toBe(true);
    expect(ok(await client.findByMarker(draft.marker))).toBeNull();
    const other = ok(
      await client.createIssue(
        { ...draft, marker: 'sg-finding-f12', body: 'x sg-finding-f12', attachments: [] },
        'k0',
      ),
    );
    const issue = ok(await client.createIssue(draft, 'k1'));
    expect(issue).toEqual({ id: '2', url: `${s.url}/web/acme/shop/issues/2` });
    expect(other.id).toBe('1');
    const created = s.issues[1];
    expect(created?.labels).toEqual(['study-group', 'confusing-ui']);
    expect(created?.body).toContain('**Evidence** is committed to branch `study-group/evidence`');
    expect(created?.body.trimEnd().endsWith('marker `sg-finding-f1`')).toBe(true);

    expect(ok(await client.findByMarker('sg-finding-f1'))).toEqual(issue);
    expect(ok(await client.findByMarker('sg-finding-f'))).toBeNull();

    const [shot, replay] = draft.attachments;
    if (!shot || !replay) throw new Error('fixture');
    const attached = ok(await client.attach(issue, shot));
    const path = 'study-group-evidence/issue-2/checkout-ann-1.png';
    expect(attached).toEqual({
      fileName: 'checkout-ann-1.png',
      url: `${s.url}/web/acme/shop/blob/study-group/evidence/${path}`,
    });
    expect(s.branches.get('study-group/evidence')).toBeDefined();
    expect([...(s.files.get(`study-group/evidence:${path}`)?.bytes ?? [])]).toEqual([...png]);
    expect(s.issues[1]?.body).toContain(`- [\`checkout-ann-1.png\`](<${attached.url}>)`);
    expect(s.issues[1]?.body).not.toContain('- `checkout-ann-1.png`');
    ok(await client.attach(issue, replay));
    expect(s.issues[1]?.body).toContain('- [`replay.html`](<');

    // A retry after the commit went through but before it was recorded: no second commit.
    const commits = s.requests.filter((r) => r.method === 'PUT').length;
    const fresh = createGithubClient(baseTarget(s), realFetch);
    expect(ok(await fresh.attach(issue, shot))).toEqual(attached);
    expect(s.requests.filter((r) => r.method === 'PUT').length).toBe(commits + 1);
    expect(s.requests.at(-2)?.rawUrl).toBe(
      `/repos/acme/shop/contents/${path}?ref=study-group%2Fevidence`,
    );
    // Other bytes under the same name replace the file, with its sha.
    const changed = { ...shot, data: new Uint8Array([1, 2, 3]) };
    ok(await fresh.attach(issue, changed));
    expect([...(s.files.get(`study-group/evidence:${path}`)?.bytes ?? [])]).toEqual([1, 2, 3]);

    expect(ok(await client.addComment(issue, 'Two more participants hit this.'))).toBeNull();
    expect(s.issues[1]?.comments).toEqual(['Two more participants hit this.']);
    expect(s.violations).toEqual([]);
  });

  it('with local evidence, attaches nothing and says in the body where the files are', async () => {
    const { s, client } = await setup({ type: 'local' });
    expect(client.attachesFiles).toBe(false);
    ok(await client.createIssue(draft, 'k'));
    const body = s.issues[0]?.body ?? '';
    expect(body).toContain('**Evidence is kept locally.**');
    expect(body.indexOf('kept locally')).toBeLessThan(body.indexOf('---'));
    const shot = draft.attachments[0];
    if (!shot) throw new Error('fixture');
    const refused = await client.attach({ id: '1', url: 'u' }, shot);
    expect(refused).toMatchObject({ type: 'error', retryable: false });
    expect(s.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    const none = await client.createIssue({ ...draft, attachments: [] }, 'k2');
    expect(ok(none).id).toBe('2');
    expect(s.issues[1]?.body).not.toContain('kept locally');
  });

  it('maps 401, 404, 429 with Retry-After, rate-limit 403, 500 and no answer', async () => {
    const { s, client } = await setup();
    s.failNext({ status: 401 });
    const denied = await client.createIssue(draft, 'k');
    expect(denied).toMatchObject({ type: 'error', status: 401, retryable: false });
    expect(denied.type === 'error' && denied.message).toMatch(/token/);

    s.failNext({ status: 404 });
    const missing = await client.addComment({ id: '9', url: 'u' }, 'hi');
    expect(missing.type === 'error' && missing.message).toContain('"acme/shop"');

    s.failNext({ status: 429, retryAfter: '7' });
    expect(await client.findByMarker('sg-finding-f1')).toMatchObject({
      type: 'error',
      status: 429,
      retryable: true,
      retryAfterSeconds: 7,
    });

    s.failNext({
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1030' },
    });
    expect(await client.findByMarker('sg-finding-f1')).toMatchObject({
      status: 403,
      retryable: true,
      retryAfterSeconds: 30,
    });

    s.failNext({ status: 403 });
    const forbidden = await client.createIssue(draft, 'k');
    expect(forbidden).toMatchObject({ status: 403, retryable: false });
    expect(forbidden.type === 'error' && forbidden.message).toContain('Issues and Contents');

    s.failNext({ status: 500 });
    expect(await client.createIssue(draft, 'k')).toMatchObject({ status: 500, retryable: true });
    expect(s.issues).toEqual([]);

    // A commit that lost a race with another one on the branch (409) is worth another try.
    const issue = ok(await client.createIssue(draft, 'k'));
    const [shot, replay] = draft.attachments;
    if (!shot || !replay) throw new Error('fixture');
    ok(await client.attach(issue, shot));
    s.failNext({ status: 409 });
    expect(await client.attach(issue, replay)).toMatchObject({ status: 409, retryable: true });
    expect(ok(await client.attach(issue, replay)).fileName).toBe('replay.html');

    const closed = await freePort();
    const offline = createGithubClient(
      { ...baseTarget(s), apiUrl: `http://127.0.0.1:${closed}` },
      realFetch,
    );
    expect(await offline.createIssue(draft, 'k')).toMatchObject({
      type: 'error',
      status: null,
      retryable: true,
    });
    expect(s.issues).toHaveLength(1);
    expect(s.violations).toEqual([]);
  });

  it('sends the token only in the Authorization header and never returns it', async () => {
    const { s, client } = await setup();
    const results: unknown[] = [];
    results.push(await client.testConnection());
    const issue = ok(await client.createIssue({ ...draft, body: `${draft.body}` }, 'k'));
    for (const file of draft.attachments) results.push(await client.attach(issue, file));
    results.push(await client.findByMarker(draft.marker), await client.addComment(issue, 'c'));
    for (const status of [401, 403, 404, 429, 500] as const) {
      s.failNext({ status });
      results.push(await client.createIssue(draft, 'k'));
    }
    expect(s.requests.length).toBeGreaterThan(10);
    expect(secretLeaks(s.requests, TOKEN, 'authorization')).toEqual([]);
    for (const r of s.requests) expect(r.headers.authorization).toBe(`token ${TOKEN}`);
    expect(JSON.stringify(results)).not.toContain(TOKEN);
    expect(s.violations).toEqual([]);
  });

  it('has a contract server that refuses what GitHub does not document', async () => {
    const { s } = await setup();
    const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
      fetch(`${s.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${TOKEN}`, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const v3 = { Accept: 'application/vnd.github.v3+json', 'X-GitHub-Api-Version': '2022-11-28' };
    const good = { ...v3, Accept: 'application/vnd.github+json' };
    expect((await send('GET', '/user', v3)).status).toBe(400);
    expect((await send('GET', '/user', good)).status).toBe(200);
    const json = { ...good, 'Content-Type': 'application/json' };
    const issues = '/repos/acme/shop/issues';
    expect((await send('POST', issues, json, { title: 't', labels: 'a' })).status).toBe(400);
    expect((await send('POST', issues, json, { title: 't', marker: 'x' })).status).toBe(400);
    expect(s.violations).toEqual([
      'GET /user: Accept is "application/vnd.github.v3+json", not application/vnd.github+json',
      'POST /repos/acme/shop/issues: field "labels" is not string[]',
      'POST /repos/acme/shop/issues: undocumented field "marker"',
    ]);
    expect(s.issues).toEqual([]);
  });
});

function baseTarget(s: GithubServer): GithubTarget {
  return {
    type: 'github',
    id: 't1',
    name: 'Shop GitHub',
    labels: [],
    apiUrl: s.url,
    owner: 'acme',
    repo: 'shop',
    token: TOKEN,
    evidence: { type: 'branch', branch: 'study-group/evidence' },
  };
}

describe('createTrackerClient with a GitHub target', () => {
  it('gives the GitHub client', async () => {
    server = await startGithubServer({ token: TOKEN });
    const client = createTrackerClient(baseTarget(server), { fetch: realFetch, now: Date.now });
    expect(client.type).toBe('github');
    expect(client.attachesFiles).toBe(true);
    expect(ok(await client.createIssue(draft, 'k')).id).toBe('1');
    expect(server.issues).toHaveLength(1);
  });
});
