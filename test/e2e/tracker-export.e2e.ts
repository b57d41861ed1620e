import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { annotation, identity, kit, pinned, session } from '../lib/findings/records';
import { test } from './support/fixtures';

// The export pipeline in the built extension's service worker against a real
// Redmine (scripts/redmine.mjs): no UI, the pages' messages sent directly.
const run = promisify(execFile);
const SCRIPT = new URL('../../scripts/redmine.mjs', import.meta.url).pathname;

interface Server {
  baseUrl: string;
  apiKey: string;
  started: boolean;
}
let server: Server;

async function redmine(command: 'start' | 'stop'): Promise<string> {
  const { stdout } = await run(process.execPath, [SCRIPT, command], { timeout: 150_000 });
  return stdout;
}

async function redmineGet<T>(path: string): Promise<T> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    headers: { 'X-Redmine-API-Key': server.apiKey },
  });
  return (await response.json()) as T;
}

beforeAll(async () => {
  server = JSON.parse(await redmine('start')) as Server;
}, 180_000);

afterAll(async () => {
  if (server?.started) await redmine('stop');
});

const RUN = Date.now().toString(36);
const START = Date.now() - 3_600_000;
const study = kit({ id: `kit-e2e-${RUN}` });
const button = pinned({ identity: identity({ role: 'button', name: `Pay ${RUN}` }) });

interface Job {
  id: string;
  status: { type: string; reason?: string };
  issue: { id: string; url: string } | null;
  attached: { fileName: string }[];
}

describe('tracker export in the service worker', () => {
  test('files a finding with its screenshots once, and completes it after Redmine was down', async ({
    ext,
  }) => {
    await ext.writeStore('sessions', [
      session('e2e-s1', { participant: 'Ana', study, startedAt: START }),
      session('e2e-s2', { participant: 'Ben', study, startedAt: START + 60_000 }),
    ]);
    await ext.writeStore('annotations', [
      annotation('e2e-a1', {
        sessionId: 'e2e-s1',
        ts: START + 10_000,
        url: 'https://app.example/checkout',
        target: button,
        note: 'Where is pay?',
      }),
      annotation('e2e-a2', {
        sessionId: 'e2e-s2',
        ts: START + 70_000,
        url: 'https://app.example/checkout',
        target: button,
      }),
    ]);
    await ext.writeStore('screenshots', [
      {
        annotationId: 'e2e-a1',
        sessionId: 'e2e-s1',
        source: 'capture',
        mime: 'image/jpeg',
        data: { bytes: [0xff, 0xd8, 1, 2] },
      },
      {
        annotationId: 'e2e-a2',
        sessionId: 'e2e-s2',
        source: 'capture',
        mime: 'image/jpeg',
        data: { bytes: [0xff, 0xd8, 3, 4] },
      },
    ]);
    const page = await ext.context.newPage();
    await page.goto(ext.url('options.html'));
    const target = {
      id: 'rm',
      name: 'Local Redmine',
      labels: ['study-group'],
      type: 'redmine',
      baseUrl: server.baseUrl,
      project: 'demo',
      apiKey: server.apiKey,
    };
    await page.evaluate((t) => chrome.storage.local.set({ 'tracker-targets': [t] }), target);
    let id = 0;
    const send = (type: string, data: unknown) =>
      page.evaluate(
        async (message) =>
          ((await chrome.runtime.sendMessage(message)) as { res?: unknown; err?: unknown }).res,
        { id: ++id, type, data, timestamp: Date.now() },
      );

    expect(await send('tracker.test', { target })).toMatchObject({
      type: 'ok',
      value: { checks: [{ ok: true }, { ok: true }, { ok: true }, { ok: true }] },
    });

    // Redmine down: the item waits instead of failing.
    await redmine('stop');
    const queued = (await send('export.enqueue', {
      targetId: 'rm',
      scope: { type: 'session', sessionId: 'e2e-s2' },
      existing: 'comment',
    })) as { type: string; batchId: string; queued: number };
    expect(queued).toMatchObject({ type: 'ok', queued: 1 });
    await expect
      .poll(async () => (await ext.readStore<Job>('exportJobs'))[0]?.status.type, {
        timeout: 20_000,
      })
      .toBe('waiting');

    // The worker dies while it waits; Redmine comes back; the alarm wakes a new worker.
    await ext.stopServiceWorker();
    await redmine('start');
    await expect
      .poll(async () => (await ext.readStore<Job>('exportJobs'))[0]?.status.type, {
        timeout: 90_000,
        interval: 1_000,
      })
      .toBe('done');
    const [job] = await ext.readStore<Job>('exportJobs');
    const issue = await redmineGet<{
      issue: { description: string; attachments: { filename: string; filesize: number }[] };
    }>(`/issues/${job!.issue!.id}.json?include=attachments`);
    expect(issue.issue.description).toContain('**2 of 2 participants**');
    expect(issue.issue.attachments.map((a) => a.filesize)).toEqual([4, 4]);
    const [receipt] = await ext.readStore<{ issue: { id: string }; attached: unknown[] }>(
      'exportReceipts',
    );
    expect(receipt?.issue.id).toBe(job!.issue!.id);
    expect(receipt?.attached).toHaveLength(2);

    // Again: nothing new, nothing filed.
    expect(
      await send('export.enqueue', {
        targetId: 'rm',
        scope: { type: 'session', sessionId: 'e2e-s2' },
        existing: 'comment',
      }),
    ).toMatchObject({ type: 'ok', queued: 0, skipped: 1 });
    // However Redmine is searched, one issue carries the finding's marker.
    const [after] = await ext.readStore<Job & { draft: { marker: string } }>('exportJobs');
    const found = await redmineGet<{ issues: { id: number }[] }>(
      `/issues.json?project_id=demo&status_id=*&description=~${encodeURIComponent(after!.draft.marker)}`,
    );
    expect(found.issues.map((i) => String(i.id))).toEqual([job!.issue!.id]);
  });
});
