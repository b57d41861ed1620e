import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IssueDraft, TrackerClient, TrackerTarget } from '@/lib/contracts';
import {
  createJiraClient,
  createTrackerClient,
  jiraBasicCredential,
  jiraLabel,
  type DnrRule,
  type DnrSessionApi,
  type FetchLike,
} from '@/lib/trackers';
import { adfProblems, startJiraServer, type JiraServer } from '../../support/contract/jira-server';

let server: JiraServer;
/** Every result and message the clients handed back, for the token scan. */
const results: unknown[] = [];

beforeAll(async () => {
  server = await startJiraServer();
});
afterAll(() => server.close());
afterEach(() => {
  expect(server.violations.splice(0)).toEqual([]);
});

function client(overrides: Partial<Parameters<typeof createJiraClient>[0]> = {}): TrackerClient {
  const jira = createJiraClient(
    {
      baseUrl: `${server.url}/`,
      email: server.email,
      apiToken: server.token,
      projectKey: server.projectKey,
      issueType: 'Bug',
      ...overrides,
    },
    fetch,
  );
  // Keep every answer for the byte scan at the end.
  const kept =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      const result = await call(...args);
      results.push(result);
      return result;
    };
  return {
    ...jira,
    testConnection: kept(jira.testConnection),
    findByMarker: kept(jira.findByMarker),
    createIssue: kept(jira.createIssue),
    attach: kept(jira.attach),
    addComment: kept(jira.addComment),
  };
}

const draft = (marker: string): IssueDraft => ({
  marker,
  title: 'Checkout button hidden below the fold',
  body: '## What happened\n\n**3 of 5** participants could not find *Pay*.\n\n- step one\n- step [two](https://shop.example/cart)\n\n> “I gave up”\n\n---\n\n`sg` marker',
  labels: ['study group', 'ux'],
  attachments: [],
});

describe('Jira client against the Jira contract server', () => {
  it('tests the connection check by check, including a POST through the XSRF check', async () => {
    const before = server.requests.length;
    const result = await client().testConnection();
    expect(result).toEqual({
      type: 'ok',
      value: {
        checks: [
          { label: 'Signed in', ok: true, detail: 'As Ann Example.' },
          { label: 'Project found', ok: true, detail: 'Payments (PAY).' },
          { label: 'Issue type found', ok: true, detail: '"Bug".' },
          { label: 'May create issues', ok: true, detail: 'Yes.' },
          { label: 'May upload attachments', ok: true, detail: 'Yes.' },
          {
            label: 'Accepts requests from Study Group',
            ok: true,
            detail: 'Yes: a test search (POST) went through.',
          },
        ],
      },
    });
    const sent = server.requests.slice(before).map((r) => `${r.method} ${r.url}`);
    expect(sent).toEqual([
      'GET /rest/api/3/myself',
      'GET /rest/api/3/project/PAY',
      'GET /rest/api/3/mypermissions?projectKey=PAY&permissions=CREATE_ISSUES%2CCREATE_ATTACHMENTS',
      'POST /rest/api/3/search/jql',
    ]);
  });

  it('reports missing permissions and an unknown issue type as failed checks', async () => {
    server.permissions.CREATE_ATTACHMENTS = false;
    try {
      const result = await client({ issueType: 'Epic' }).testConnection();
      const checks = result.type === 'ok' ? result.value.checks : [];
      expect(checks.map((c) => [c.label, c.ok])).toEqual([
        ['Signed in', true],
        ['Project found', true],
        ['Issue type found', false],
        ['May create issues', true],
        ['May upload attachments', false],
        ['Accepts requests from Study Group', true],
      ]);
      expect(checks[2]?.detail).toBe(
        'Project "PAY" has no issue type "Epic"; it has "Bug", "Task".',
      );
      expect(checks[4]?.detail).toContain('Create attachments');
    } finally {
      server.permissions.CREATE_ATTACHMENTS = true;
    }
  });

  it('creates an issue with an ADF description and space-free labels, finds it by marker, attaches, comments', async () => {
    const jira = client();
    const marker = 'sg-finding-f1';
    expect(await jira.findByMarker(marker)).toEqual({ type: 'ok', value: null });

    const created = await jira.createIssue(draft(marker), '5d0e8d61-7b7a-4c59-8f34-0c0b6b8f3b11');
    expect(created.type).toBe('ok');
    if (created.type !== 'ok') return;
    const issue = created.value;
    expect(issue.id).toMatch(/^PAY-\d+$/);
    expect(issue.url).toBe(`${server.url}/browse/${issue.id}`);
    const stored = server.issues.find((i) => i.key === issue.id);
    expect(stored?.fields.labels).toEqual(['study-group', 'ux', marker]);
    expect(adfProblems(stored?.fields.description)).toEqual([]);
    expect(stored?.fields.description).toMatchObject({
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 2 } },
        { type: 'paragraph' },
        { type: 'bulletList' },
        { type: 'blockquote' },
        { type: 'rule' },
        { type: 'paragraph' },
      ],
    });

    expect(await jira.findByMarker(marker)).toEqual({ type: 'ok', value: issue });
    // A marker that only starts the same is another finding.
    expect(await jira.findByMarker('sg-finding-f')).toEqual({ type: 'ok', value: null });

    const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 255]);
    const attached = await jira.attach(issue, {
      fileName: 'shot 1.png',
      mime: 'image/png',
      data: png,
    });
    expect(attached).toMatchObject({ type: 'ok', value: { fileName: 'shot 1.png' } });
    expect(attached.type === 'ok' && attached.value.url).toMatch(
      /\/rest\/api\/3\/attachment\/content\/\d+$/,
    );
    expect(stored?.attachments.map((a) => [a.filename, a.mimeType, [...a.bytes]])).toEqual([
      ['shot 1.png', 'image/png', [...png]],
    ]);

    expect(await jira.addComment(issue, 'New evidence: **2 more** participants.')).toEqual({
      type: 'ok',
      value: null,
    });
    expect(stored?.comments).toHaveLength(1);
    expect(adfProblems(stored?.comments[0])).toEqual([]);
  });

  it('says which credential is wrong (401), without repeating it', async () => {
    const bad = 'ATATT-not-the-token-77';
    const result = await client({ apiToken: bad }).testConnection();
    const checks = result.type === 'ok' ? result.value.checks : [];
    expect(checks[0]).toMatchObject({ label: 'Signed in', ok: false });
    expect(checks[0]?.detail).toContain('email "ann@example.com" and the API token');
    expect(checks.slice(1).every((c) => !c.ok)).toBe(true);
    expect(JSON.stringify(result)).not.toContain(bad);

    const created = await client({ apiToken: bad }).createIssue(draft('sg-finding-x'), 'k');
    expect(created).toMatchObject({ type: 'error', status: 401, retryable: false });
  });

  it('names the project it cannot find (404)', async () => {
    const result = await client({ projectKey: 'NOPE' }).testConnection();
    const checks = result.type === 'ok' ? result.value.checks : [];
    expect(checks.map((c) => c.ok)).toEqual([true, false, false, false, false, false]);
    expect(checks[1]?.detail).toContain('project key "NOPE"');

    const attach = await client().attach(
      { id: 'PAY-999', url: `${server.url}/browse/PAY-999` },
      { fileName: 'a.txt', mime: 'text/plain', data: new Uint8Array([65]) },
    );
    expect(attach).toMatchObject({ type: 'error', status: 404, retryable: false });
  });

  it('makes 429 and 5xx retryable with Retry-After, and a network failure retryable', async () => {
    server.failNext({ status: 429, retryAfter: 17, path: /\/issue$/ });
    const limited = await client().createIssue(draft('sg-finding-r'), 'k');
    expect(limited).toMatchObject({
      type: 'error',
      status: 429,
      retryable: true,
      retryAfterSeconds: 17,
    });

    server.failNext({ status: 500 });
    const failed = await client().findByMarker('sg-finding-r');
    expect(failed).toMatchObject({ type: 'error', status: 500, retryable: true });

    server.failNext({ status: 500, path: /myself/ });
    const test = await client().testConnection();
    expect(test).toMatchObject({ type: 'error', status: 500, retryable: true });

    const offline = await createJiraClient(
      {
        baseUrl: 'http://127.0.0.1:9',
        email: server.email,
        apiToken: server.token,
        projectKey: 'PAY',
        issueType: 'Bug',
      },
      fetch,
    ).findByMarker('sg-finding-r');
    expect(offline).toMatchObject({ type: 'error', status: null, retryable: true });
    expect(JSON.stringify(offline)).not.toContain(server.token);
  });

  it('says an attachment is too large (413) instead of retrying it', async () => {
    const tooLarge: FetchLike = (url, init) =>
      url.endsWith('/attachments')
        ? Promise.resolve(new Response('', { status: 413 }))
        : fetch(url, init);
    const jira = createJiraClient(
      {
        baseUrl: server.url,
        email: server.email,
        apiToken: server.token,
        projectKey: 'PAY',
        issueType: 'Bug',
      },
      tooLarge,
    );
    const result = await jira.attach(
      { id: 'PAY-1', url: `${server.url}/browse/PAY-1` },
      { fileName: 'replay.html', mime: 'text/html', data: new Uint8Array(8) },
    );
    expect(result).toMatchObject({ type: 'error', status: 413, retryable: false });
    expect(result.type === 'error' && result.message).toContain('too large');
  });

  it('turns a browser-looking POST into a clear XSRF message, as the header rule exists to prevent', async () => {
    const browserFetch: FetchLike = (url, init) =>
      fetch(url, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0',
        },
      });
    const jira = createJiraClient(
      {
        baseUrl: server.url,
        email: server.email,
        apiToken: server.token,
        projectKey: 'PAY',
        issueType: 'Bug',
      },
      browserFetch,
    );
    const refused = server.xsrfRefused.length;
    const report = await jira.testConnection();
    const checks = report.type === 'ok' ? report.value.checks : [];
    // GETs pass, so everything looks fine until the POST.
    expect(checks.map((c) => c.ok)).toEqual([true, true, true, true, true, false]);
    expect(checks[5]?.detail).toContain('XSRF check failed');
    const created = await jira.createIssue(draft('sg-finding-xsrf'), 'k');
    expect(created).toMatchObject({ type: 'error', status: 403, retryable: false });
    expect(created.type === 'error' && created.message).toContain('header rule');
    expect(server.xsrfRefused.length).toBe(refused + 2);
  });

  it('keeps the token out of every body, URL and result: only in the Authorization header', () => {
    const credential = jiraBasicCredential(server.email, server.token);
    expect(server.requests.length).toBeGreaterThan(10);
    for (const request of server.requests) {
      for (const secret of [server.token, credential]) {
        expect(request.body.includes(Buffer.from(secret))).toBe(false);
        expect(request.url).not.toContain(secret);
        const { authorization, ...rest } = request.headers;
        expect(JSON.stringify(rest)).not.toContain(secret);
        if (authorization !== undefined && secret === server.token) {
          expect(authorization).not.toContain(secret);
        }
      }
    }
    const text = JSON.stringify(results);
    expect(results.length).toBeGreaterThan(10);
    expect(text).not.toContain(server.token);
    expect(text).not.toContain(credential);
  });
});

describe('jiraLabel', () => {
  it('replaces whitespace runs, which Jira labels may not contain', () => {
    expect(jiraLabel(' study  group\tux ')).toBe('study-group-ux');
    expect(jiraLabel('x'.repeat(300))).toHaveLength(255);
  });
});

describe('createTrackerClient for a Jira target', () => {
  it('puts the header rule in place before each request, once, and keeps the token out of it', async () => {
    const rules: DnrRule[] = [];
    let updates = 0;
    const order: string[] = [];
    const dnr: DnrSessionApi = {
      async getSessionRules() {
        return structuredClone(rules);
      },
      async updateSessionRules(options) {
        updates += 1;
        order.push('rule');
        for (const id of options.removeRuleIds ?? []) {
          const at = rules.findIndex((r) => r.id === id);
          if (at >= 0) rules.splice(at, 1);
        }
        rules.push(...(options.addRules ?? []));
      },
    };
    const target: Extract<TrackerTarget, { type: 'jira' }> = {
      id: 't-jira',
      name: 'Payments Jira',
      labels: [],
      type: 'jira',
      baseUrl: server.url,
      email: server.email,
      apiToken: server.token,
      projectKey: server.projectKey,
      issueType: 'Bug',
    };
    const jira = createTrackerClient(target, {
      fetch: (url, init) => {
        order.push(`${init.method} ${new URL(url).pathname}`);
        return fetch(url, init);
      },
      now: Date.now,
      dnr: { api: dnr, extensionUrl: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/' },
    });
    expect(jira.type).toBe('jira');
    const report = await jira.testConnection();
    expect(report.type === 'ok' && report.value.checks.every((c) => c.ok)).toBe(true);
    expect(order[0]).toBe('rule');
    expect(updates).toBe(1);
    expect(rules).toHaveLength(1);
    expect(rules[0]?.condition.requestDomains).toEqual(['127.0.0.1']);
    expect(JSON.stringify(rules)).not.toContain(server.token);

    // A rule lost (browser restart) comes back before the next request.
    rules.length = 0;
    expect(await jira.findByMarker('sg-finding-none')).toEqual({ type: 'ok', value: null });
    expect(updates).toBe(2);
    expect(order.at(-2)).toBe('rule');
  });

  it('builds the Linear client for a Linear target', () => {
    const linear = createTrackerClient(
      {
        id: 't-linear',
        name: 'Linear',
        labels: [],
        type: 'linear',
        apiUrl: 'https://api.linear.app/graphql',
        apiKey: 'lin_x',
        team: 'ENG',
      },
      { fetch, now: Date.now },
    );
    expect([linear.type, linear.attachesFiles]).toEqual(['linear', true]);
  });
});
