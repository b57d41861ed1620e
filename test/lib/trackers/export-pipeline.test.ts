import { afterEach, describe, expect, it } from 'vitest';
import type { TrackerTarget } from '@/lib/contracts';
import { createDb, type StudyGroupDb } from '@/lib/storage';
import { createExportService, receiptId, screenshotEvidence } from '@/lib/tracker-export';
import { createTrackerClient, type FetchLike } from '@/lib/trackers';
import { startGithubServer } from '../../support/contract/github-server';
import { startGitlabServer } from '../../support/contract/gitlab-server';
import { secretLeaks, type ContractServer } from '../../support/contract/http-contract';
import { startWebhookServer } from '../../support/contract/webhook-server';
import { findingIds, seedStudy, START, STUDY } from '../tracker-export/world';

// The export pipeline (lib/tracker-export) driving the GitHub, GitLab and
// webhook clients over real fetch against the contract servers: one issue per
// finding with its screenshots, and a failure midway completed on retry.
const realFetch: FetchLike = (url, init) => fetch(url, init);
const SECRET = 'SECRETpipeline0123456789abcdef';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.map((done) => done()));
  cleanup = [];
});

async function world(target: TrackerTarget, server: ContractServer) {
  const db: StudyGroupDb = createDb(`ghgl-export-${Math.random()}`);
  cleanup.push(
    async () => db.close(),
    () => server.close(),
  );
  await seedStudy(db);
  let clock = START + 86_400_000;
  let ids = 0;
  const service = createExportService({
    db,
    loadTarget: async (id) => (id === target.id ? target : null),
    client: (t) => createTrackerClient(t, { fetch: realFetch, now: () => clock }),
    hasHostAccess: async () => true,
    evidence: screenshotEvidence,
    browser: 'Chrome 156',
    now: () => clock,
    random: () => 0.5,
    newId: () => `id-${++ids}`,
    isOnline: () => true,
    wakeAt: async () => undefined,
    log: () => undefined,
    withPort: true,
  });
  const { pay } = await findingIds(db);
  return {
    db,
    service,
    pay,
    async exportPay() {
      await service.enqueue({
        targetId: target.id,
        scope: { type: 'findings', studyKey: STUDY, findingIds: [pay] },
        existing: 'comment',
      });
      await service.idle();
    },
    async retryLater() {
      clock += 60_000;
      await service.resume();
    },
    async job() {
      const [only] = await db.exportJobs.toArray();
      if (!only) throw new Error('no job');
      return only;
    },
    receipt: () => db.exportReceipts.get(receiptId(target.id, pay)),
    /** Every stored row, as text, for the secret scan. */
    async stored() {
      return JSON.stringify([await db.exportJobs.toArray(), await db.exportReceipts.toArray()]);
    },
  };
}

const base = { id: 't-x', name: 'Team tracker', labels: ['study-group'] };

describe('the export pipeline through the GitHub, GitLab and webhook clients', () => {
  it('GitHub: one issue, screenshots committed to the branch and linked, completed after a 500', async () => {
    const server = await startGithubServer({ token: SECRET });
    const target: TrackerTarget = {
      ...base,
      type: 'github',
      apiUrl: server.url,
      owner: 'acme',
      repo: 'shop',
      token: SECRET,
      evidence: { type: 'branch', branch: 'study-group/evidence' },
    };
    const w = await world(target, server);
    server.failNext({ status: 500, match: (r) => r.method === 'PUT' });
    await w.exportPay();
    expect((await w.job()).status).toMatchObject({ type: 'waiting' });
    expect(server.issues).toHaveLength(1);
    await w.retryLater();
    expect((await w.job()).status).toEqual({ type: 'done' });
    expect(server.issues).toHaveLength(1);
    const issue = server.issues[0];
    expect(issue?.body).toContain(`sg-finding-${w.pay}`);
    expect(issue?.labels).toContain('study-group');
    expect(issue?.labels).not.toContain(`sg-finding-${w.pay}`);
    const files = [...server.files.keys()];
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.startsWith('study-group/evidence:study-group-evidence/'))).toBe(
      true,
    );
    const receipt = await w.receipt();
    expect(receipt?.issue.id).toBe('1');
    expect(receipt?.attached).toHaveLength(2);
    for (const file of receipt?.attached ?? []) {
      expect(issue?.body).toContain(`](<${file.url}>)`);
    }
    expect(server.violations).toEqual([]);
    expect(secretLeaks(server.requests, SECRET, 'authorization')).toEqual([]);
    expect(await w.stored()).not.toContain(SECRET);
  });

  it('GitHub with local evidence: one issue that says so, nothing attached', async () => {
    const server = await startGithubServer({ token: SECRET });
    const w = await world(
      {
        ...base,
        type: 'github',
        apiUrl: server.url,
        owner: 'acme',
        repo: 'shop',
        token: SECRET,
        evidence: { type: 'local' },
      },
      server,
    );
    await w.exportPay();
    expect((await w.job()).status).toEqual({ type: 'done' });
    expect(server.issues[0]?.body).toContain('**Evidence is kept locally.**');
    expect(server.files.size).toBe(0);
    expect((await w.receipt())?.attached).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('GitLab: one issue, each screenshot uploaded and linked, completed after a 500', async () => {
    const server = await startGitlabServer({ token: SECRET });
    const w = await world(
      { ...base, type: 'gitlab', baseUrl: server.url, project: 'acme/shop', token: SECRET },
      server,
    );
    server.failNext({ status: 500, match: (r) => r.path.endsWith('/uploads') });
    await w.exportPay();
    expect((await w.job()).status).toMatchObject({ type: 'waiting' });
    await w.retryLater();
    expect((await w.job()).status).toEqual({ type: 'done' });
    expect(server.issues).toHaveLength(1);
    expect(server.uploads).toHaveLength(2);
    expect(server.uploads.map((u) => [...u.bytes])).toEqual([
      [0xff, 0xd8, 1],
      [0xff, 0xd8, 2],
    ]);
    expect(server.issues[0]?.notes).toHaveLength(2);
    expect(server.issues[0]?.description).toContain(`sg-finding-${w.pay}`);
    expect((await w.receipt())?.attached.map((a) => a.url)).toEqual(
      server.uploads.map((u) => `${server.url}/-/project/7${u.url}`),
    );
    expect(server.violations).toEqual([]);
    expect(secretLeaks(server.requests, SECRET, 'private-token')).toEqual([]);
    expect(await w.stored()).not.toContain(SECRET);
  });

  it('webhook: one signed delivery with the screenshots inline, the same key after a 500', async () => {
    const server = await startWebhookServer({ secret: SECRET });
    const w = await world(
      { ...base, type: 'webhook', url: server.hookUrl, secret: SECRET },
      server,
    );
    server.failNext({ status: 500 });
    await w.exportPay();
    expect((await w.job()).status).toMatchObject({ type: 'waiting' });
    await w.retryLater();
    expect((await w.job()).status).toEqual({ type: 'done' });
    expect(server.deliveries).toHaveLength(1);
    const delivery = server.deliveries[0];
    expect(delivery?.key).toBe((await w.job()).key);
    expect([...(delivery?.files.values() ?? [])].map((b) => [...b])).toEqual([
      [0xff, 0xd8, 1],
      [0xff, 0xd8, 2],
    ]);
    expect((await w.receipt())?.issue).toEqual({
      id: 'hook-1',
      url: `${server.url}/received/hook-1`,
    });
    expect(server.violations).toEqual([]);
    expect(secretLeaks(server.requests, SECRET, 'none')).toEqual([]);
    expect(await w.stored()).not.toContain(SECRET);
  });
});
