import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs, OFFLINE_REASON, receiptId } from '@/lib/tracker-export';
import { redmineTarget } from './targets';
import { createWorld, error, STUDY } from './world';

type World = Awaited<ReturnType<typeof createWorld>>;
let world: World | null = null;
afterEach(() => world?.db.close());

async function start(options: Parameters<typeof createWorld>[0] = {}) {
  world = await createWorld(options);
  return world;
}

const issuePosts = (w: World) =>
  w.redmine.seen.filter((r) => r.method === 'POST' && r.url.endsWith('/issues.json')).length;

describe('export pipeline against the Redmine adapter', () => {
  it('files each finding once, with its screenshots, and writes a receipt', async () => {
    const w = await start({ tracker: 'redmine' });
    const result = await w.service.enqueue({
      targetId: redmineTarget.id,
      scope: { type: 'findings', studyKey: STUDY, findingIds: [w.ids.pay, w.ids.settings] },
      existing: 'skip',
    });
    expect(result).toEqual({ type: 'ok', batchId: 'id-1', queued: 2, skipped: 0 });
    await w.service.idle();
    expect(w.redmine.issues).toHaveLength(2);
    const pay = w.redmine.issues.find((i) => i.subject.includes('Pay now'));
    expect(pay?.attachments.map((a) => a.filename)).toHaveLength(2);
    expect(pay?.attachments.map((a) => [...a.bytes])).toEqual([
      [0xff, 0xd8, 1],
      [0xff, 0xd8, 2],
    ]);
    expect(pay?.description).toContain('**2 of 2 participants**');
    expect(pay?.description).toContain('Labels: study-group');
    const receipts = await w.db.exportReceipts.toArray();
    expect(receipts).toHaveLength(2);
    const receipt = await w.db.exportReceipts.get(receiptId(redmineTarget.id, w.ids.pay));
    expect(receipt).toMatchObject({
      findingId: w.ids.pay,
      studyKey: STUDY,
      targetType: 'redmine',
      targetName: 'Team Redmine',
      issue: { id: String(pay?.id), url: `http://127.0.0.1:3030/issues/${pay?.id}` },
      comments: 0,
    });
    expect(receipt?.attached.map((a) => a.url)).toEqual(pay?.attachments.map((a) => a.content_url));
    expect((await w.jobs()).every((j) => j.status.type === 'done')).toBe(true);

    // Again, leaving existing issues alone: nothing is queued, nothing is sent.
    const requests = w.redmine.seen.length;
    expect(await w.exportPay('skip')).toMatchObject({ type: 'ok', queued: 0, skipped: 1 });
    await w.service.idle();
    expect(w.redmine.seen.length).toBe(requests);
    expect(issuePosts(w)).toBe(2);
  });

  it('completes a half-done issue after a 500 instead of opening another', async () => {
    const w = await start({ tracker: 'redmine' });
    w.redmine.fail(
      (method, path) => method === 'POST' && path === '/uploads.json',
      () => new Response('', { status: 500 }),
    );
    await w.exportPay();
    await w.service.idle();
    const waiting = await w.job();
    expect(waiting.status).toMatchObject({ type: 'waiting', retryAt: w.now() + 5_000 });
    expect(waiting.issue).not.toBeNull();
    expect(waiting.attempts).toBe(1);
    expect(waiting.draft.attachments.every((a) => a.data.byteLength === 3)).toBe(true);
    expect(w.redmine.issues[0]?.attachments).toEqual([]);
    expect(w.wakes.at(-1)).toBe(w.now() + 5_000);

    w.advance(5_000);
    await w.service.resume();
    expect((await w.job()).status).toEqual({ type: 'done' });
    expect(w.redmine.issues).toHaveLength(1);
    expect(w.redmine.issues[0]?.attachments).toHaveLength(2);
    expect(issuePosts(w)).toBe(1);
    expect(w.wakes.at(-1)).toBeNull();
  });

  it('adopts an issue that already carries the finding’s marker (a wiped browser)', async () => {
    const w = await start({ tracker: 'redmine' });
    const marker = `sg-finding-${w.ids.pay}`;
    const old = w.redmine.seed('Filed from another browser', `Old text\n\n${marker}`);
    await w.exportPay();
    await w.service.idle();
    expect(issuePosts(w)).toBe(0);
    expect(w.redmine.issues).toHaveLength(1);
    expect(old.attachments).toHaveLength(2);
    expect((await w.db.exportReceipts.toArray())[0]?.issue.id).toBe(String(old.id));
  });

  it('re-exports new evidence as a comment on the same issue, and nothing when nothing is new', async () => {
    const w = await start({ tracker: 'redmine' });
    await w.exportPay();
    await w.service.idle();
    expect(await w.exportPay('comment')).toMatchObject({ queued: 0, skipped: 1 });

    // A third participant hits it later, with a picture.
    w.advance(60_000);
    const study = (await w.db.sessions.get('s1'))?.study ?? null;
    const { session, annotation } = await import('../findings/records');
    await w.db.sessions.put(
      session('s3', { participant: 'Cy', study, startedAt: w.now() - 30_000 }),
    );
    const first = await w.db.annotations.get('a1-pay');
    await w.db.annotations.put(
      annotation('a4-pay', {
        ...first,
        id: 'a4-pay',
        sessionId: 's3',
        ts: w.now(),
        note: 'Took me ages',
      }),
    );
    await w.db.screenshots.put({
      annotationId: 'a4-pay',
      sessionId: 's3',
      source: 'capture',
      mime: 'image/jpeg',
      data: new Uint8Array([9]),
    });
    w.advance(1_000);
    expect(await w.exportPay('comment')).toMatchObject({ queued: 1, skipped: 0 });
    await w.service.idle();
    expect(issuePosts(w)).toBe(1);
    const issue = w.redmine.issues[0];
    expect(issue?.attachments).toHaveLength(3);
    expect(issue?.notes).toHaveLength(1);
    expect(issue?.notes[0]).toContain('**3 of 3 participants** hit this now');
    expect(issue?.notes[0]).toContain('Took me ages');
    expect(issue?.notes[0]).not.toContain('> Where do I pay\\?');
    const receipt = await w.db.exportReceipts.get(receiptId(redmineTarget.id, w.ids.pay));
    expect(receipt?.comments).toBe(1);
    expect(receipt?.attached).toHaveLength(3);
  });

  it('fails on a refused key, naming the API key, and keeps the draft', async () => {
    const w = await start({ tracker: 'redmine', redmineKey: 'the-right-key' });
    await w.exportPay();
    await w.service.idle();
    const job = await w.job();
    expect(job.status.type).toBe('failed');
    expect(job.status.type === 'failed' && job.status.message).toMatch(
      /refused the API key \(401\).*check the API key in the tracker settings/,
    );
    expect(job.draft.attachments.map((a) => a.data.byteLength)).toEqual([3, 3]);
    expect(await w.db.exportReceipts.count()).toBe(0);
    expect(w.logs.some((l) => l.includes('failed'))).toBe(true);
  });
});

describe('export pipeline with a tracker the test controls', () => {
  it('honours a Retry-After longer than the backoff', async () => {
    const w = await start();
    w.fake.force('create', error(429, 'Rate limited (429).', 120));
    await w.exportPay();
    await w.service.idle();
    const started = w.now();
    expect((await w.job()).status).toEqual({
      type: 'waiting',
      retryAt: started + 120_000,
      reason: 'Rate limited (429).',
    });
    expect(w.wakes.at(-1)).toBe(started + 120_000);
    w.advance(119_000);
    await w.service.resume();
    expect(w.fake.count('create')).toBe(1);
    w.advance(1_000);
    await w.service.resume();
    expect(w.fake.count('create')).toBe(2);
    expect((await w.job()).status).toEqual({ type: 'done' });
    expect(w.fake.issues).toHaveLength(1);
  });

  it('backs off exponentially with jitter, capped at ten minutes', () => {
    expect(backoffMs(0, 0.5)).toBe(5_000);
    expect(backoffMs(3, 0.5)).toBe(40_000);
    expect(backoffMs(30, 0.5)).toBe(600_000);
    expect(backoffMs(1, 0)).toBe(8_000);
    expect(backoffMs(1, 0.999999)).toBe(12_000);
    expect(backoffMs(0, 0.5, 2)).toBe(5_000);
    expect(backoffMs(0, 0.5, 90)).toBe(90_000);
  });

  it('waits while offline, sending nothing, and goes once back online', async () => {
    const w = await start();
    w.setOnline(false);
    await w.exportPay();
    await w.service.idle();
    expect((await w.job()).status).toMatchObject({ type: 'waiting', reason: OFFLINE_REASON });
    expect(w.fake.calls).toEqual([]);
    // The alarm may fire while still offline: still nothing goes out.
    w.advance(10_000);
    await w.service.resume();
    expect(w.fake.calls).toEqual([]);
    w.setOnline(true);
    await w.service.online();
    expect((await w.job()).status).toEqual({ type: 'done' });
    expect(w.fake.issues).toHaveLength(1);
  });

  it('treats a network failure as waiting, and holds the target’s other items', async () => {
    const w = await start();
    w.fake.force('find', error(null, 'Could not reach Redmine (Failed to fetch).'));
    await w.service.enqueue({
      targetId: redmineTarget.id,
      scope: { type: 'findings', studyKey: STUDY, findingIds: [w.ids.pay, w.ids.settings] },
      existing: 'skip',
    });
    await w.service.idle();
    const jobs = await w.jobs();
    expect(jobs.map((j) => j.status.type).sort()).toEqual(['queued', 'waiting']);
    expect(w.fake.count('find')).toBe(1);
    w.advance(5_000);
    await w.service.resume();
    expect((await w.jobs()).map((j) => j.status.type)).toEqual(['done', 'done']);
    expect(w.fake.maxActive()).toBe(1);
  });

  it('resumes after the worker dies mid-upload: same issue, the file sent once', async () => {
    const w = await start();
    w.fake.force('attach', 'hang');
    await w.exportPay();
    // Let the first service reach the hanging upload, then "kill" it.
    while ((await w.job()).status.type !== 'running' || (await w.job()).issue === null) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect((await w.job()).status).toEqual({ type: 'running', step: 'attaching' });
    // The worker set itself a wake-up before it started, for just this.
    expect(w.wakes).toEqual([w.now() + 60_000]);
    const fresh = w.restart();
    await fresh.resume();
    expect((await w.job()).status).toEqual({ type: 'done' });
    expect(w.fake.count('create')).toBe(1);
    expect(w.fake.issues).toHaveLength(1);
    expect(w.fake.issues[0]?.files).toHaveLength(2);
  });

  it('resumes after the worker dies between creating and recording: adopts by marker', async () => {
    const w = await start();
    w.fake.force('create', 'after-hang');
    await w.exportPay();
    while (w.fake.issues.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    expect((await w.job()).issue).toBeNull();
    await w.restart().resume();
    expect(w.fake.count('create')).toBe(1);
    expect(w.fake.count('find')).toBe(2);
    expect((await w.job()).status).toEqual({ type: 'done' });
    expect((await w.job()).issue?.id).toBe('1');
  });

  it('cancels a batch’s pending items and retries one from where it stopped', async () => {
    const w = await start();
    w.fake.force('attach', error(503, 'Unavailable (503).'));
    const queued = await w.exportPay();
    if (queued.type !== 'ok') throw new Error('not queued');
    await w.service.idle();
    expect((await w.job()).status.type).toBe('waiting');
    expect(await w.service.cancel({ batchId: queued.batchId })).toEqual({ type: 'ok' });
    expect((await w.job()).status).toEqual({ type: 'cancelled' });
    w.advance(60_000);
    await w.service.resume();
    expect(w.fake.count('attach')).toBe(1);
    expect(w.wakes.at(-1)).toBeNull();

    const job = await w.job();
    expect(await w.service.retry({ jobId: job.id })).toEqual({ type: 'ok' });
    await w.service.idle();
    expect((await w.job()).status).toEqual({ type: 'done' });
    expect(w.fake.count('create')).toBe(1);
    expect(w.fake.issues[0]?.files).toHaveLength(2);
    expect(await w.service.retry({ jobId: job.id })).toMatchObject({ type: 'error' });
    expect(await w.service.cancel({ batchId: 'nope' })).toMatchObject({ type: 'error' });
  });

  it('keeps a cancel made during a step, with the progress of that step', async () => {
    const w = await start();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const create = w.fake.client.createIssue;
    w.fake.client.createIssue = async (draft, key) => {
      await gate;
      return create(draft, key);
    };
    const queued = await w.exportPay();
    if (queued.type !== 'ok') throw new Error('not queued');
    while ((await w.job()).status.type !== 'running' || w.fake.count('find') === 0) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await w.service.cancel({ batchId: queued.batchId });
    release();
    await w.service.idle();
    const job = await w.job();
    expect(job.status).toEqual({ type: 'cancelled' });
    expect(job.issue?.id).toBe('1');
    expect(w.fake.count('attach')).toBe(0);
    await w.service.retry({ jobId: job.id });
    await w.service.idle();
    expect(w.fake.issues).toHaveLength(1);
    expect(w.fake.issues[0]?.files).toHaveLength(2);
  });

  it('re-queues a failed item on a new export, keeping its issue', async () => {
    const w = await start();
    w.fake.force('attach', error(422, 'File too big (422).'));
    await w.exportPay();
    await w.service.idle();
    expect((await w.job()).status).toEqual({ type: 'failed', message: 'File too big (422).' });
    expect(await w.exportPay()).toMatchObject({ queued: 1 });
    await w.service.idle();
    expect((await w.job()).status).toEqual({ type: 'done' });
    expect(w.fake.count('create')).toBe(1);
  });

  it('does not queue a finding twice while it is on its way', async () => {
    const w = await start();
    w.setOnline(false);
    await w.exportPay();
    await w.service.idle();
    expect(await w.exportPay()).toMatchObject({ queued: 0, skipped: 1 });
    expect(await w.jobs()).toHaveLength(1);
  });

  it('exports a session’s findings only (the popup after Stop)', async () => {
    const w = await start();
    const result = await w.service.enqueue({
      targetId: redmineTarget.id,
      scope: { type: 'session', sessionId: 's2' },
      existing: 'skip',
    });
    expect(result).toMatchObject({ type: 'ok', queued: 1 });
    await w.service.idle();
    expect((await w.job()).findingId).toBe(w.ids.pay);
  });

  it.each([
    ['an invalid request', { targetId: '', scope: { type: 'session', sessionId: 's1' } }],
    [
      'an unknown target',
      { targetId: 'gone', scope: { type: 'session', sessionId: 's1' }, existing: 'skip' },
    ],
    [
      'an unknown session',
      { targetId: redmineTarget.id, scope: { type: 'session', sessionId: 'x' }, existing: 'skip' },
    ],
    [
      'findings that are gone',
      {
        targetId: redmineTarget.id,
        scope: { type: 'findings', studyKey: STUDY, findingIds: ['f-gone'] },
        existing: 'skip',
      },
    ],
  ])('refuses %s with a message, queuing nothing', async (_, raw) => {
    const w = await start();
    const result = await w.service.enqueue(raw);
    expect(result.type).toBe('error');
    expect(await w.jobs()).toEqual([]);
  });

  it('fails an item whose target was removed meanwhile', async () => {
    const w = await start();
    w.setOnline(false);
    await w.exportPay();
    await w.service.idle();
    w.targets.clear();
    w.setOnline(true);
    await w.service.online();
    expect((await w.job()).status).toMatchObject({
      type: 'failed',
      message: expect.stringMatching(/removed/),
    });
  });
});
