import { describe, expect, it } from 'vitest';
import type { IssueDraft } from '@/lib/contracts';
import { createRedmineClient, type FetchLike } from '@/lib/trackers';

const KEY = 'secret-key-0123456789abcdef';
const config = { baseUrl: 'https://rm.example.com/', apiKey: KEY, project: 'demo' };

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: BodyInit | null | undefined;
}

/** A fetch that answers from a queue and records every request. */
function fakeFetch(answers: (Response | Error)[]) {
  const seen: Seen[] = [];
  const fetchFn: FetchLike = async (url, init) => {
    seen.push({
      method: init.method ?? 'GET',
      url,
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body,
    });
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetchFn, seen };
}

function nth<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

const draft: IssueDraft = {
  marker: 'sg-finding-f1',
  title: 'Checkout button hidden',
  body: '**3 of 5** participants could not find it.',
  labels: ['study-group', 'ux'],
  attachments: [
    { fileName: 'shot 1.png', mime: 'image/png', data: new Uint8Array([137, 80, 78, 71]) },
    { fileName: 'replay.html', mime: 'text/html', data: new TextEncoder().encode('<html>') },
  ],
};

const project = {
  project: {
    id: 7,
    name: 'Demo',
    identifier: 'demo',
    trackers: [{ id: 1, name: 'Bug' }],
    enabled_modules: [{ name: 'issue_tracking' }],
  },
};

describe('createRedmineClient', () => {
  it('tests the connection with the key in a header only, and admin may create issues', async () => {
    const { fetchFn, seen } = fakeFetch([
      json(200, { user: { id: 1, login: 'admin', admin: true, api_key: KEY, memberships: [] } }),
      json(200, project),
    ]);
    const result = await createRedmineClient(config, fetchFn).testConnection();
    expect(result).toEqual({
      type: 'ok',
      value: {
        user: 'admin',
        project: { id: 7, name: 'Demo', identifier: 'demo' },
        canCreateIssues: true,
        problems: [],
      },
    });
    expect(JSON.stringify(result)).not.toContain(KEY);
    expect(seen.map((r) => [r.method, r.url])).toEqual([
      ['GET', 'https://rm.example.com/users/current.json?include=memberships'],
      ['GET', 'https://rm.example.com/projects/demo.json?include=trackers,enabled_modules'],
    ]);
    for (const r of seen) {
      expect(r.headers['X-Redmine-API-Key']).toBe(KEY);
      expect(r.url).not.toContain(KEY);
    }
  });

  it('reads the roles of a non-admin member to decide whether it may add issues', async () => {
    const member = {
      user: {
        id: 2,
        login: 'ann',
        memberships: [{ project: { id: 7 }, roles: [{ id: 4 }, { id: 5 }] }],
      },
    };
    const denied = fakeFetch([
      json(200, member),
      json(200, project),
      json(200, { role: { name: 'Reporter', permissions: ['view_issues'] } }),
      json(200, { role: { name: 'Forum', permissions: ['add_messages'] } }),
    ]);
    const no = await createRedmineClient(config, denied.fetchFn).testConnection();
    expect(no.type === 'ok' && no.value.canCreateIssues).toBe(false);
    expect(no.type === 'ok' && no.value.problems).toEqual([
      'User "ann" has no role in "demo" that may add issues.',
    ]);
    expect(denied.seen.slice(2).map((r) => r.url)).toEqual([
      'https://rm.example.com/roles/4.json',
      'https://rm.example.com/roles/5.json',
    ]);

    const allowed = fakeFetch([
      json(200, member),
      json(200, project),
      json(200, { role: { name: 'Reporter', permissions: ['view_issues', 'add_issues'] } }),
      json(200, { role: { name: 'Empty', permissions: [] } }),
    ]);
    const yes = await createRedmineClient(config, allowed.fetchFn).testConnection();
    expect(yes.type === 'ok' && yes.value.canCreateIssues).toBe(true);
  });

  it('judges a non-member by the built-in Non member role, only in a public project', async () => {
    const stranger = { user: { id: 3, login: 'val', memberships: [] } };
    const publicProject = { project: { ...project.project, is_public: true } };
    const open = fakeFetch([
      json(200, stranger),
      json(200, publicProject),
      json(200, { role: { name: 'Non member', permissions: ['add_issues'] } }),
    ]);
    const yes = await createRedmineClient(config, open.fetchFn).testConnection();
    expect(yes.type === 'ok' && yes.value.canCreateIssues).toBe(true);
    expect(nth(open.seen, 2).url).toBe('https://rm.example.com/roles/1.json');

    const closed = fakeFetch([
      json(200, stranger),
      json(200, publicProject),
      json(200, { role: { name: 'Non member', permissions: ['view_issues'] } }),
    ]);
    const no = await createRedmineClient(config, closed.fetchFn).testConnection();
    expect(no.type === 'ok' && no.value.problems).toEqual([
      'User "val" is not a member of "demo" and non-members may not add issues there.',
    ]);

    const otherRole = fakeFetch([
      json(200, stranger),
      json(200, publicProject),
      json(200, { role: { name: 'Manager', permissions: ['add_issues'] } }),
    ]);
    const unsure = await createRedmineClient(config, otherRole.fetchFn).testConnection();
    expect(unsure.type === 'ok' && unsure.value.canCreateIssues).toBe(false);

    const privateProject = fakeFetch([
      json(200, stranger),
      json(200, { project: { ...project.project, is_public: false } }),
    ]);
    const hidden = await createRedmineClient(config, privateProject.fetchFn).testConnection();
    expect(hidden.type === 'ok' && hidden.value.canCreateIssues).toBe(false);
    expect(privateProject.seen).toHaveLength(2);
  });

  it('reports a project without trackers or issue tracking', async () => {
    const { fetchFn } = fakeFetch([
      json(200, { user: { id: 1, login: 'admin', admin: true } }),
      json(200, { project: { ...project.project, trackers: [], enabled_modules: [] } }),
    ]);
    const result = await createRedmineClient(config, fetchFn).testConnection();
    expect(result.type === 'ok' && result.value.canCreateIssues).toBe(false);
    expect(result.type === 'ok' && result.value.problems).toHaveLength(2);
  });

  it('uploads each attachment as octet-stream, then creates the issue claiming the tokens', async () => {
    const { fetchFn, seen } = fakeFetch([
      json(201, { upload: { id: 1, token: '1.aaa' } }),
      json(201, { upload: { id: 2, token: '2.bbb' } }),
      json(201, { issue: { id: 42 } }),
    ]);
    const result = await createRedmineClient(config, fetchFn).createIssue(draft);
    expect(result).toEqual({
      type: 'ok',
      value: { id: 42, url: 'https://rm.example.com/issues/42' },
    });
    expect(seen.map((r) => [r.method, r.url, r.headers['Content-Type']])).toEqual([
      [
        'POST',
        'https://rm.example.com/uploads.json?filename=shot%201.png',
        'application/octet-stream',
      ],
      [
        'POST',
        'https://rm.example.com/uploads.json?filename=replay.html',
        'application/octet-stream',
      ],
      ['POST', 'https://rm.example.com/issues.json', 'application/json'],
    ]);
    const bytes = new Uint8Array(await (nth(seen, 0).body as Blob).arrayBuffer());
    expect([...bytes]).toEqual([137, 80, 78, 71]);
    expect(JSON.parse(nth(seen, 2).body as string)).toEqual({
      issue: {
        project_id: 'demo',
        subject: 'Checkout button hidden',
        description:
          '**3 of 5** participants could not find it.\n\nLabels: study-group, ux\n\nsg-finding-f1',
        uploads: [
          { token: '1.aaa', filename: 'shot 1.png', content_type: 'image/png' },
          { token: '2.bbb', filename: 'replay.html', content_type: 'text/html' },
        ],
      },
    });
  });

  it('stops at a failed upload without creating the issue', async () => {
    const { fetchFn, seen } = fakeFetch([json(413, {})]);
    const result = await createRedmineClient(config, fetchFn).createIssue(draft);
    expect(result).toMatchObject({ type: 'error', status: 413, retryable: false });
    expect(seen).toHaveLength(1);
  });

  it('finds an issue by the whole marker among substring hits', async () => {
    const { fetchFn, seen } = fakeFetch([
      json(200, {
        issues: [
          { id: 3, description: 'x\n\nsg-finding-f12' },
          { id: 4, description: 'y\r\n\r\nsg-finding-f1' },
        ],
      }),
      json(200, { issues: [{ id: 3, description: 'sg-finding-f12' }] }),
    ]);
    const client = createRedmineClient(config, fetchFn);
    expect(await client.findByMarker('sg-finding-f1')).toEqual({
      type: 'ok',
      value: { id: 4, url: 'https://rm.example.com/issues/4' },
    });
    expect(await client.findByMarker('sg-finding-f1')).toEqual({ type: 'ok', value: null });
    const url = new URL(nth(seen, 0).url);
    expect(url.pathname).toBe('/issues.json');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      project_id: 'demo',
      status_id: '*',
      description: '~sg-finding-f1',
      limit: '100',
    });
  });

  it('adds a comment with PUT, notes and uploads, accepting an empty 204', async () => {
    const { fetchFn, seen } = fakeFetch([
      json(201, { upload: { id: 9, token: '9.ccc' } }),
      new Response(null, { status: 204 }),
    ]);
    const result = await createRedmineClient(config, fetchFn).addComment(42, 'New evidence', [
      nth(draft.attachments, 1),
    ]);
    expect(result).toEqual({
      type: 'ok',
      value: { id: 42, url: 'https://rm.example.com/issues/42' },
    });
    expect(nth(seen, 1).method).toBe('PUT');
    expect(nth(seen, 1).url).toBe('https://rm.example.com/issues/42.json');
    expect(JSON.parse(nth(seen, 1).body as string)).toEqual({
      issue: {
        notes: 'New evidence',
        uploads: [{ token: '9.ccc', filename: 'replay.html', content_type: 'text/html' }],
      },
    });
  });

  it.each([
    [401, false, /refused the API key \(401\)/],
    [403, false, /may not do this \(403\).*project "demo"/],
    [404, false, /nothing \(404\).*project identifier "demo"/],
    [500, true, /failed \(500\)/],
    [503, true, /failed \(503\)/],
  ])('maps %i to a clear message (retryable %s)', async (status, retryable, message) => {
    const { fetchFn } = fakeFetch([json(status, {})]);
    const result = await createRedmineClient(config, fetchFn).testConnection();
    expect(result).toMatchObject({ type: 'error', status, retryable });
    expect(result.type === 'error' && result.message).toMatch(message);
  });

  it("passes on Redmine's 422 validation errors", async () => {
    const { fetchFn } = fakeFetch([
      json(422, { errors: ['Subject cannot be blank', 'Tracker is invalid'] }),
    ]);
    const result = await createRedmineClient(config, fetchFn).createIssue({
      ...draft,
      attachments: [],
    });
    expect(result).toMatchObject({ type: 'error', status: 422, retryable: false });
    expect(result.type === 'error' && result.message).toContain(
      'Subject cannot be blank; Tracker is invalid',
    );
  });

  it('honours Retry-After on 429 (seconds and HTTP date)', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const { fetchFn } = fakeFetch([
      json(429, {}, { 'Retry-After': '7' }),
      json(429, {}, { 'Retry-After': 'Thu, 01 Jan 2026 00:00:30 GMT' }),
    ]);
    const client = createRedmineClient(config, fetchFn, () => now);
    expect(await client.findByMarker('m')).toMatchObject({
      type: 'error',
      status: 429,
      retryable: true,
      retryAfterSeconds: 7,
    });
    expect(await client.findByMarker('m')).toMatchObject({ retryAfterSeconds: 30 });
  });

  it('treats a network failure as retryable, and never repeats the key', async () => {
    const { fetchFn } = fakeFetch([new TypeError(`connect ECONNREFUSED (key ${KEY})`)]);
    const result = await createRedmineClient(config, fetchFn).testConnection();
    expect(result).toMatchObject({ type: 'error', status: null, retryable: true });
    expect(result.type === 'error' && result.message).toContain('Could not reach Redmine');
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('never carries the key in any error, even when the project name is the key', async () => {
    const leaky = { ...config, project: KEY };
    for (const status of [401, 403, 404, 422, 429, 500, 418]) {
      const { fetchFn } = fakeFetch([json(status, { errors: [`bad ${KEY}`] })]);
      const result = await createRedmineClient(leaky, fetchFn).createIssue({
        ...draft,
        attachments: [],
      });
      expect(result.type).toBe('error');
      expect(JSON.stringify(result)).not.toContain(KEY);
    }
  });

  it('reports an answer that is not what Redmine sends', async () => {
    const { fetchFn } = fakeFetch([json(200, { nope: true })]);
    const result = await createRedmineClient(config, fetchFn).testConnection();
    expect(result).toMatchObject({ type: 'error', status: 200, retryable: false });
  });
});
