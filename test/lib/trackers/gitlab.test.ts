import { afterEach, describe, expect, it } from 'vitest';
import type { IssueDraft, TrackerResult } from '@/lib/contracts';
import {
  createGitlabClient,
  createTrackerClient,
  type FetchLike,
  type GitlabTarget,
} from '@/lib/trackers';
import { freePort, secretLeaks } from '../../support/contract/http-contract';
import { startGitlabServer, type GitlabServer } from '../../support/contract/gitlab-server';

const TOKEN = 'glpat-SECRETtoken0123456789abcd';
const realFetch: FetchLike = (url, init) => fetch(url, init);

let server: GitlabServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function targetFor(s: GitlabServer, project = 'acme/shop'): GitlabTarget {
  return {
    type: 'gitlab',
    id: 't1',
    name: 'Shop GitLab',
    labels: [],
    baseUrl: `${s.url}/`,
    project,
    token: TOKEN,
  };
}

async function setup(project: Parameters<typeof startGitlabServer>[0]['project'] = {}) {
  server = await startGitlabServer({ token: TOKEN, project });
  return { s: server, client: createGitlabClient(targetFor(server), realFetch, () => 0) };
}

function ok<T>(result: TrackerResult<T>): T {
  if (result.type !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.value;
}

const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 255]);
const draft: IssueDraft = {
  marker: 'sg-finding-f1',
  title: 'Checkout button hidden',
  body: '## Summary\n\nThe customer could not find it.\n\n---\n\nFiled by Study Group · marker `sg-finding-f1`\n',
  labels: ['study-group', 'confusing,ui', 'sg-finding-f1'],
  attachments: [],
};

const checksOf = (result: TrackerResult<{ checks: { label: string; ok: boolean }[] }>) =>
  ok(result).checks.map((c) => [c.label, c.ok]);

describe('createGitlabClient against the GitLab contract server', () => {
  it('reports each connection check, the project path URL-encoded', async () => {
    const { s, client } = await setup();
    expect(checksOf(await client.testConnection())).toEqual([
      ['Signed in', true],
      ['Project found', true],
      ['May create issues', true],
      ['May upload attachments', true],
    ]);
    expect(s.requests.map((r) => r.rawUrl)).toEqual([
      '/api/v4/user',
      '/api/v4/personal_access_tokens/self',
      '/api/v4/projects/acme%2Fshop',
    ]);
    expect(s.violations).toEqual([]);
  });

  it('says what is wrong: token, scope, project, membership, issues off', async () => {
    const { s, client } = await setup();
    s.failNext({ status: 401 });
    const bad = ok(await client.testConnection()).checks;
    expect(bad.map((c) => c.ok)).toEqual([false, false, false, false]);
    expect(bad[0]?.detail).toMatch(/refused the access token \(401\)/);

    s.tokenScopes = ['read_api'];
    const readOnly = ok(await client.testConnection()).checks;
    expect(readOnly[0]).toMatchObject({ ok: false });
    expect(readOnly[0]?.detail).toContain('do not include "api"');
    expect(readOnly[2]).toMatchObject({ ok: false });
    s.tokenScopes = ['api'];

    const elsewhere = createGitlabClient(targetFor(s, 'acme/nope'), realFetch);
    const gone = ok(await elsewhere.testConnection()).checks;
    expect(gone[1]).toMatchObject({ label: 'Project found', ok: false });
    expect(gone[1]?.detail).toContain('"acme/nope"');

    s.project.accessLevel = null;
    s.project.visibility = 'internal';
    expect(ok(await client.testConnection()).checks[2]).toMatchObject({
      ok: true,
      detail: 'As a non-member of this internal project.',
    });
    s.project.visibility = 'private';
    expect(ok(await client.testConnection()).checks[1]).toMatchObject({ ok: false });
    s.project.accessLevel = 10;
    s.project.issuesAccessLevel = 'disabled';
    expect(ok(await client.testConnection()).checks[2]?.detail).toContain('Issues are turned off');
    s.project.issuesAccessLevel = 'enabled';
    expect(ok(await client.testConnection()).checks[2]?.ok).toBe(true);
    expect(s.violations).toEqual([]);
  });

  it('creates, finds by marker, uploads and links files, comments', async () => {
    const { s, client } = await setup();
    expect(client.attachesFiles).toBe(true);
    const twelve = { ...draft, marker: 'sg-finding-f12', body: 'x sg-finding-f12' };
    ok(await client.createIssue(twelve, 'k0'));
    expect(ok(await client.findByMarker('sg-finding-f1'))).toBeNull();
    const issue = ok(await client.createIssue(draft, 'k1'));
    expect(issue).toEqual({ id: '2', url: `${s.url}/acme/shop/-/issues/2` });
    expect(s.issues[1]?.labels).toEqual(['study-group', 'confusing ui']);
    expect(s.issues[1]?.description).toBe(draft.body);
    expect(ok(await client.findByMarker('sg-finding-f1'))).toEqual(issue);
    expect(s.requests.at(-1)?.rawUrl).toBe(
      '/api/v4/projects/acme%2Fshop/issues?search=sg-finding-f1&in=description&per_page=100',
    );

    const shot = ok(
      await client.attach(issue, { fileName: 'shot-1.png', mime: 'image/png', data: png }),
    );
    const upload = s.uploads[0];
    expect(upload?.fileName).toBe('shot-1.png');
    expect(upload?.mime).toBe('image/png');
    expect([...(upload?.bytes ?? [])]).toEqual([...png]);
    expect(shot).toEqual({ fileName: 'shot-1.png', url: `${s.url}/-/project/7${upload?.url}` });
    expect(s.issues[1]?.notes).toEqual([`Study Group evidence: ![shot-1](${upload?.url})`]);
    ok(
      await client.attach(issue, {
        fileName: 'replay.html',
        mime: 'text/html',
        data: new TextEncoder().encode('<html>'),
      }),
    );
    expect(s.issues[1]?.notes[1]).toMatch(/^Study Group evidence: \[replay\.html\]\(\/uploads\//);

    expect(ok(await client.addComment(issue, 'Two more hit this.'))).toBeNull();
    expect(s.issues[1]?.notes[2]).toBe('Two more hit this.');
    expect(s.violations).toEqual([]);
  });

  it('maps 401, 403 scope, 404, 429 with Retry-After, 500 and no answer', async () => {
    const { s, client } = await setup();
    s.failNext({ status: 401 });
    const denied = await client.createIssue(draft, 'k');
    expect(denied).toMatchObject({ type: 'error', status: 401, retryable: false });
    expect(denied.type === 'error' && denied.message).toContain('access token');

    s.tokenScopes = ['read_api'];
    const scope = await client.createIssue(draft, 'k');
    expect(scope).toMatchObject({ status: 403, retryable: false });
    expect(scope.type === 'error' && scope.message).toContain('"api" scope');
    s.tokenScopes = ['api'];

    const missing = await createGitlabClient(targetFor(s, '99'), realFetch).createIssue(draft, 'k');
    expect(missing).toMatchObject({ status: 404 });
    expect(missing.type === 'error' && missing.message).toContain('project "99"');

    s.failNext({ status: 429, retryAfter: '12' });
    expect(await client.findByMarker('sg-finding-f1')).toMatchObject({
      status: 429,
      retryable: true,
      retryAfterSeconds: 12,
    });
    s.failNext({ status: 500 });
    expect(await client.addComment({ id: '1', url: 'u' }, 'x')).toMatchObject({
      status: 500,
      retryable: true,
    });
    const offline = createGitlabClient(
      { ...targetFor(s), baseUrl: `http://127.0.0.1:${await freePort()}` },
      realFetch,
    );
    expect(await offline.testConnection()).toMatchObject({ status: null, retryable: true });
    expect(s.issues).toEqual([]);
    expect(s.violations).toEqual([]);
  });

  it('sends the token only in the PRIVATE-TOKEN header and never returns it', async () => {
    const { s, client } = await setup();
    const results: unknown[] = [await client.testConnection()];
    const issue = ok(await client.createIssue(draft, 'k'));
    results.push(
      await client.attach(issue, { fileName: 'a.png', mime: 'image/png', data: png }),
      await client.findByMarker(draft.marker),
      await client.addComment(issue, 'c'),
    );
    for (const status of [401, 403, 404, 429, 500] as const) {
      s.failNext({ status });
      results.push(await client.createIssue(draft, 'k'));
    }
    expect(secretLeaks(s.requests, TOKEN, 'private-token')).toEqual([]);
    for (const r of s.requests) expect(r.headers['private-token']).toBe(TOKEN);
    expect(JSON.stringify(results)).not.toContain(TOKEN);
    expect(s.violations).toEqual([]);
  });

  it('has a contract server that refuses what GitLab does not document', async () => {
    const { s } = await setup();
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${s.url}/api/v4${path}`, {
        method: 'POST',
        headers: { 'PRIVATE-TOKEN': TOKEN, 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    expect((await post('/projects/acme%2Fshop/issues', { title: 't', labels: ['a'] })).status).toBe(
      400,
    );
    expect((await post('/projects/acme/shop/issues', { title: 't' })).status).toBe(404);
    expect((await post('/projects/7/uploads', { file: 'x' })).status).toBe(400);
    expect(s.violations).toEqual([
      'POST /api/v4/projects/acme%2Fshop/issues: field "labels" is not string',
      'POST /api/v4/projects/7/uploads: upload is application/json, not multipart',
    ]);
  });
});

describe('createTrackerClient with a GitLab target', () => {
  it('gives the GitLab client', async () => {
    server = await startGitlabServer({ token: TOKEN });
    const client = createTrackerClient(targetFor(server), { fetch: realFetch, now: Date.now });
    expect(client.type).toBe('gitlab');
    expect(client.attachesFiles).toBe(true);
    expect(ok(await client.createIssue(draft, 'k')).id).toBe('1');
    expect(server.issues).toHaveLength(1);
  });
});
