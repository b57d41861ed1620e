import { describe, expect, it } from 'vitest';
import type { IssueDraft, TrackerClient } from '@/lib/contracts';
import { createTrackerClient, targetSecrets, trackerHosts } from '@/lib/trackers';
import { createFakeRedmine } from '../tracker-export/fake-redmine';
import { everyTarget, REDMINE_KEY, redmineTarget } from '../tracker-export/targets';

const now = () => Date.parse('2026-12-01T12:00:00Z');

const draft: IssueDraft = {
  marker: 'sg-finding-f1',
  title: 'Checkout button hidden',
  body: '**3 of 5** participants could not find it.',
  labels: ['study-group'],
  attachments: [{ fileName: 'shot-1.jpg', mime: 'image/jpeg', data: new Uint8Array([1, 2, 3]) }],
};

function redmine() {
  const server = createFakeRedmine(redmineTarget.baseUrl, REDMINE_KEY);
  const client = createTrackerClient(redmineTarget, { fetch: server.fetch, now });
  return { server, client };
}

function ok<T>(result: { type: 'ok'; value: T } | { type: 'error'; message: string }): T {
  if (result.type !== 'ok') throw new Error(`expected ok, got ${result.message}`);
  return result.value;
}

describe('createTrackerClient: Redmine', () => {
  it('reports every check of a working connection', async () => {
    const { client } = redmine();
    expect(client.type).toBe('redmine');
    expect(client.attachesFiles).toBe(true);
    const report = ok(await client.testConnection());
    expect(report.checks.map((c) => [c.label, c.ok])).toEqual([
      ['Signed in', true],
      ['Project found', true],
      ['May create issues', true],
      ['May upload attachments', true],
    ]);
    expect(report.checks[0]?.detail).toBe('As admin.');
  });

  it('turns a refused key into a failed "Signed in" check naming the API key', async () => {
    const server = createFakeRedmine(redmineTarget.baseUrl, 'another-key');
    const client = createTrackerClient(redmineTarget, { fetch: server.fetch, now });
    const report = ok(await client.testConnection());
    expect(report.checks[0]).toMatchObject({ label: 'Signed in', ok: false });
    expect(report.checks[0]?.detail).toMatch(/API key/);
    expect(report.checks.slice(1).every((c) => !c.ok && /Not checked/.test(c.detail))).toBe(true);
  });

  it('turns an unknown project into a failed "Project found" check naming it', async () => {
    const server = createFakeRedmine(redmineTarget.baseUrl, REDMINE_KEY);
    const client = createTrackerClient(
      { ...redmineTarget, project: 'nope' },
      { fetch: server.fetch, now },
    );
    const report = ok(await client.testConnection());
    expect(report.checks.map((c) => c.ok)).toEqual([true, false, false, false]);
    expect(report.checks[1]?.detail).toMatch(/"nope"/);
  });

  it('keeps a network failure an error the user may retry', async () => {
    const { server, client } = redmine();
    server.fail(
      () => true,
      () => new TypeError('Failed to fetch'),
    );
    expect(await client.testConnection()).toMatchObject({
      type: 'error',
      retryable: true,
      status: null,
    });
  });

  it('creates the issue without files (they come through attach) and finds it by marker', async () => {
    const { server, client } = redmine();
    const issue = ok(await client.createIssue(draft, 'key-1'));
    expect(issue).toEqual({ id: '1', url: 'http://127.0.0.1:3030/issues/1' });
    expect(server.issues[0]?.attachments).toEqual([]);
    expect(server.issues[0]?.description).toContain('sg-finding-f1');
    expect(server.seen.some((r) => r.url.includes('/uploads.json'))).toBe(false);
    expect(ok(await client.findByMarker('sg-finding-f1'))).toEqual(issue);
    expect(ok(await client.findByMarker('sg-finding-f2'))).toBeNull();
  });

  it('attaches a file by upload then PUT with its token, and only once by name', async () => {
    const { server, client } = redmine();
    const issue = ok(await client.createIssue(draft, 'key-1'));
    const file = draft.attachments[0]!;
    const attached = ok(await client.attach(issue, file));
    expect(attached).toEqual({
      fileName: 'shot-1.jpg',
      url: 'http://127.0.0.1:3030/attachments/download/1/shot-1.jpg',
    });
    const put = server.seen.find((r) => r.method === 'PUT');
    expect(JSON.parse(new TextDecoder().decode(put?.body))).toEqual({
      issue: {
        notes: '',
        uploads: [{ token: 'tok-1', filename: 'shot-1.jpg', content_type: 'image/jpeg' }],
      },
    });
    expect(server.issues[0]?.attachments.map((a) => [...a.bytes])).toEqual([[1, 2, 3]]);
    // A retry after a lost answer finds the file there and does not send it again.
    const uploadsBefore = server.seen.filter((r) => r.url.includes('/uploads.json')).length;
    expect(ok(await client.attach(issue, file))).toEqual(attached);
    expect(server.seen.filter((r) => r.url.includes('/uploads.json')).length).toBe(uploadsBefore);
    expect(server.issues[0]?.attachments).toHaveLength(1);
  });

  it('comments with a note and passes on a 500 as retryable', async () => {
    const { server, client } = redmine();
    const issue = ok(await client.createIssue(draft, 'key-1'));
    expect(await client.addComment(issue, 'Two more participants hit it.')).toEqual({
      type: 'ok',
      value: null,
    });
    expect(server.issues[0]?.notes).toEqual(['Two more participants hit it.']);
    server.fail(
      (method) => method === 'PUT',
      () => new Response('', { status: 503, headers: { 'Retry-After': '30' } }),
    );
    expect(await client.addComment(issue, 'again')).toMatchObject({
      type: 'error',
      retryable: true,
      status: 503,
      retryAfterSeconds: 30,
    });
  });

  it('never puts the key anywhere but its header', async () => {
    const { server, client } = redmine();
    const issue = ok(await client.createIssue(draft, 'key-1'));
    await client.attach(issue, draft.attachments[0]!);
    await client.addComment(issue, 'note');
    for (const request of server.seen) {
      expect(request.url).not.toContain(REDMINE_KEY);
      expect(new TextDecoder().decode(request.body)).not.toContain(REDMINE_KEY);
      expect(request.headers['X-Redmine-API-Key']).toBe(REDMINE_KEY);
    }
  });
});

describe('createTrackerClient: types not in this build', () => {
  const pending = everyTarget.filter((t) => t.type !== 'redmine');

  it.each(pending.map((t) => [t.type, t] as const))(
    '%s answers every call with a clear non-retryable error',
    async (_, target) => {
      let calls = 0;
      const client: TrackerClient = createTrackerClient(target, {
        fetch: async () => {
          calls += 1;
          return new Response('');
        },
        now,
      });
      expect(client.type).toBe(target.type);
      const issue = { id: '1', url: 'https://x.test/1' };
      const results = await Promise.all([
        client.testConnection(),
        client.findByMarker('m'),
        client.createIssue(draft, 'k'),
        client.attach(issue, draft.attachments[0]!),
        client.addComment(issue, 'c'),
      ]);
      for (const result of results) {
        expect(result).toMatchObject({ type: 'error', retryable: false, status: null });
        expect(result.type === 'error' && result.message).toMatch(
          /^(GitHub|Jira|Linear|GitLab|Webhook) export is not available in this build\.$/,
        );
      }
      expect(calls).toBe(0);
    },
  );
});

describe('trackerHosts and targetSecrets', () => {
  it('asks for the origin of where each target sends its requests', () => {
    expect(everyTarget.map((t) => trackerHosts(t, true))).toEqual([
      ['https://api.github.com/*'],
      ['https://acme.atlassian.net/*'],
      ['https://api.linear.app/*'],
      ['https://gitlab.example.com:8443/*'],
      ['http://127.0.0.1:3030/*'],
      ['https://hooks.example.com/*'],
    ]);
  });

  it('leaves the port out where match patterns cannot have one (Firefox)', () => {
    expect(trackerHosts(redmineTarget, false)).toEqual(['http://127.0.0.1/*']);
  });

  it('lists each target’s secret', () => {
    expect(everyTarget.map(targetSecrets)).toEqual([
      ['ghp_secret_1'],
      ['jira_secret_2'],
      ['lin_secret_3'],
      ['glpat_secret_4'],
      [REDMINE_KEY],
      ['hook_secret_5'],
    ]);
  });
});
