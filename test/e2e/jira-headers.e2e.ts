import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { extensionWorker } from '../../scripts/extension-db.mjs';
// The module itself, not the domain index: the e2e runner has no `@/` alias.
import {
  ensureJiraHeaderRule,
  JIRA_USER_AGENT,
  type DnrRule,
  type DnrSessionApi,
} from '../../lib/trackers/jira-headers';
import { adfProblems, startJiraServer, type JiraServer } from '../support/contract/jira-server';
import { importFiles } from './pages/findings-board';
import { ReviewPage } from './pages/review-page';
import { test } from './support/fixtures';
import { PARTICIPANTS, recordParticipant } from './support/workspace-scenario';

// Jira's XSRF rule against Chromium's real headers: the contract server
// refuses a POST that carries a browser User-Agent or an Origin, as Jira
// Cloud does. From the extension's service worker such a POST is refused
// until the session rule is in place, then passes; a web page's requests to
// the same host keep their headers (and are refused).

let jira: JiraServer;

beforeAll(async () => {
  jira = await startJiraServer();
});
afterAll(() => jira.close());

/** The real declarativeNetRequest of the extension, driven from here through its worker. */
function workerDnr(worker: Worker): DnrSessionApi {
  return {
    getSessionRules: () =>
      worker.evaluate(() => chrome.declarativeNetRequest.getSessionRules()) as Promise<DnrRule[]>,
    updateSessionRules: (options) =>
      worker.evaluate(
        (o) =>
          chrome.declarativeNetRequest.updateSessionRules(
            o as chrome.declarativeNetRequest.UpdateRuleOptions,
          ),
        options,
      ),
  };
}

/** A search POST from the service worker, with valid credentials: only the headers decide. */
function workerSearch(worker: Worker, url: string, auth: string) {
  return worker.evaluate(
    async ({ url, auth }) => {
      const response = await fetch(`${url}/rest/api/3/search/jql`, {
        method: 'POST',
        headers: {
          Authorization: auth,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: JSON.stringify({ jql: 'project = "PAY"', maxResults: 1, fields: ['labels'] }),
      });
      return { status: response.status, text: await response.text() };
    },
    { url, auth },
  );
}

const lastRequest = (path: string) => jira.requests.filter((r) => r.url === path).at(-1);

describe('the Jira header rule in real Chromium', () => {
  test('without the rule the worker POST is refused as XSRF; with it the same POST passes', async ({
    ext,
  }) => {
    const worker = await extensionWorker(ext.context, ext.extensionId);
    const auth = `Basic ${Buffer.from(`${jira.email}:${jira.token}`).toString('base64')}`;

    // GETs pass whatever the headers: a connection test made only of GETs would look fine.
    const me = await worker.evaluate(
      async ({ url, auth }) =>
        (await fetch(`${url}/rest/api/3/myself`, { headers: { Authorization: auth } })).status,
      { url: jira.url, auth },
    );
    expect(me).toBe(200);

    const refused = await workerSearch(worker, jira.url, auth);
    expect(refused).toEqual({ status: 403, text: 'XSRF check failed' });
    const raw = lastRequest('/rest/api/3/search/jql');
    expect(raw?.headers['user-agent']).toMatch(/Mozilla/);
    expect(raw?.headers.origin).toBe(`chrome-extension://${ext.extensionId}`);

    const dnr = workerDnr(worker);
    const rule = await ensureJiraHeaderRule(
      dnr,
      { baseUrl: jira.url },
      `chrome-extension://${ext.extensionId}/`,
    );
    // Chromium took it as given, and a second ensure leaves it be.
    expect(await dnr.getSessionRules()).toMatchObject([{ id: rule.id, condition: rule.condition }]);
    await ensureJiraHeaderRule(
      dnr,
      { baseUrl: jira.url },
      `chrome-extension://${ext.extensionId}/`,
    );
    expect(await dnr.getSessionRules()).toHaveLength(1);

    const passed = await workerSearch(worker, jira.url, auth);
    expect(passed.status).toBe(200);
    expect(JSON.parse(passed.text)).toMatchObject({ issues: [], isLast: true });
    const rewritten = lastRequest('/rest/api/3/search/jql');
    expect(rewritten?.headers['user-agent']).toBe(JIRA_USER_AGENT);
    expect(rewritten?.headers.origin).toBeUndefined();
    expect(jira.violations).toEqual([]);
  });

  test("leaves a web page's requests to the Jira host alone", async ({ ext, sites }) => {
    const worker = await extensionWorker(ext.context, ext.extensionId);
    const rule = await ensureJiraHeaderRule(
      workerDnr(worker),
      { baseUrl: jira.url },
      `chrome-extension://${ext.extensionId}/`,
    );
    expect(rule.condition.requestDomains).toEqual(['127.0.0.1']);
    const page = await ext.context.newPage();
    try {
      await page.goto(sites.visit(1));
      const before = jira.xsrfRefused.length;
      // A simple (no-preflight) cross-origin POST: the server sees it whatever CORS says after.
      await page.evaluate(async (url) => {
        await fetch(`${url}/rest/api/3/search/jql`, {
          method: 'POST',
          mode: 'no-cors',
          headers: { 'Content-Type': 'text/plain' },
          body: '{"jql":"project = \\"PAY\\""}',
        });
      }, jira.url);
      expect(jira.xsrfRefused.length).toBe(before + 1);
      const fromPage = jira.xsrfRefused.at(-1);
      expect(fromPage?.headers['user-agent']).toMatch(/Mozilla/);
      expect(fromPage?.headers.origin).toBe(new URL(sites.visit(1)).origin);
    } finally {
      await page.close();
    }
  });

  test('the tracker.test message from the settings page puts the rule in place and the POST check passes', async ({
    ext,
  }) => {
    const worker = await extensionWorker(ext.context, ext.extensionId);
    // No rule left from the tests before: the handler must make its own.
    await worker.evaluate(async () => {
      const ids = (await chrome.declarativeNetRequest.getSessionRules()).map((r) => r.id);
      await chrome.declarativeNetRequest.updateSessionRules({ removeRuleIds: ids });
    });
    const page = await ext.context.newPage();
    try {
      await page.goto(ext.url('options.html'));
      const target = {
        id: 't-jira',
        name: 'Payments Jira',
        labels: [],
        type: 'jira',
        baseUrl: jira.url,
        email: jira.email,
        apiToken: jira.token,
        projectKey: jira.projectKey,
        issueType: 'Bug',
      };
      const before = jira.requests.length;
      // The wire format of @webext-core/messaging, as lib/messaging's sendMessage sends it.
      const answer = await page.evaluate(
        (target) =>
          chrome.runtime.sendMessage({
            id: 1,
            type: 'tracker.test',
            data: { target },
            timestamp: Date.now(),
          }),
        target,
      );
      expect(answer).toEqual({
        res: {
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
        },
      });
      const sent = jira.requests.slice(before);
      expect(sent.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
        'GET /rest/api/3/myself',
        'GET /rest/api/3/project/PAY',
        'GET /rest/api/3/mypermissions',
        'POST /rest/api/3/search/jql',
      ]);
      for (const request of sent) {
        expect(request.headers['user-agent']).toBe(JIRA_USER_AGENT);
        expect(request.headers.origin).toBeUndefined();
      }
      const rules = await workerDnr(worker).getSessionRules();
      expect(rules.map((r) => r.condition.requestDomains)).toEqual([['127.0.0.1']]);
      expect(JSON.stringify(answer)).not.toContain(jira.token);
      expect(jira.violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('an export to Jira from the extension', () => {
  test('the finding of a recorded session becomes a Jira issue with ADF, labels and its files, through the rule', async ({
    demo,
    launch,
  }) => {
    const bundle = await recordParticipant(demo, PARTICIPANTS[0]!);
    const ext = await launch();
    const review = await ReviewPage.open(ext);
    expect((await importFiles(review.page, [{ ...bundle, mimeType: 'application/gzip' }])).ok).toBe(
      true,
    );
    const [session] = await ext.readStore<{ id: string }>('sessions');
    const worker = await extensionWorker(ext.context, ext.extensionId);
    const target = {
      id: 't-jira',
      name: 'Payments Jira',
      labels: ['study group'],
      type: 'jira',
      baseUrl: jira.url,
      email: jira.email,
      apiToken: jira.token,
      projectKey: jira.projectKey,
      issueType: 'Bug',
    };
    // As the settings page saves it (lib/settings trackerTargetsItem, version 1).
    await worker.evaluate(
      (target) =>
        chrome.storage.local.set({ 'tracker-targets': [target], 'tracker-targets$': { v: 1 } }),
      target,
    );
    const issuesBefore = jira.issues.length;
    const requestsBefore = jira.requests.length;
    const answer = await review.page.evaluate(
      (sessionId) =>
        chrome.runtime.sendMessage({
          id: 2,
          type: 'export.enqueue',
          data: {
            targetId: 't-jira',
            scope: { type: 'session', sessionId },
            existing: 'comment',
          },
          timestamp: Date.now(),
        }),
      session!.id,
    );
    expect(answer).toMatchObject({ res: { type: 'ok', skipped: 0 } });
    // The participant's tag and the failed request a detector noticed.
    const queued = (answer as { res: { queued: number } }).res.queued;
    expect(queued).toBeGreaterThanOrEqual(1);

    type Job = { status: { type: string; message?: string }; draft: { attachments: unknown[] } };
    let jobs: Job[] = [];
    for (let i = 0; i < 100; i++) {
      jobs = await ext.readStore<Job>('exportJobs');
      if (jobs.length > 0 && jobs.every((j) => ['done', 'failed'].includes(j.status.type))) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(jobs.map((j) => j.status)).toEqual(Array(queued).fill({ type: 'done' }));

    const made = jira.issues.slice(issuesBefore);
    expect(made).toHaveLength(queued);
    for (const issue of made) {
      expect(adfProblems(issue.fields.description)).toEqual([]);
      expect(issue.fields.labels).toContain('study-group');
      expect(issue.fields.labels.filter((l) => l.startsWith('sg-finding-'))).toHaveLength(1);
    }
    // The tag's screenshot went up as multipart field `file` with X-Atlassian-Token.
    const files = made.flatMap((i) => i.attachments);
    expect(files.length).toBe(jobs.flatMap((j) => j.draft.attachments).length);
    expect(files.length).toBeGreaterThanOrEqual(1);
    const receipts = await ext.readStore<{ issue: { id: string; url: string } }>('exportReceipts');
    expect(receipts.map((r) => r.issue.id).sort()).toEqual(made.map((i) => i.key).sort());
    expect(receipts.every((r) => r.issue.url === `${jira.url}/browse/${r.issue.id}`)).toBe(true);

    const sent = jira.requests.slice(requestsBefore);
    expect(sent.some((r) => r.method === 'POST' && r.url === '/rest/api/3/issue')).toBe(true);
    for (const request of sent) {
      expect(request.headers['user-agent']).toBe(JIRA_USER_AGENT);
      expect(request.headers.origin).toBeUndefined();
      expect(request.body.includes(Buffer.from(jira.token))).toBe(false);
    }
    expect(jira.violations).toEqual([]);
  });
});
