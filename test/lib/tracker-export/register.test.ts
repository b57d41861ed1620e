import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { trackerTargetsItem } from '@/lib/settings';
import type { StudyGroupDb } from '@/lib/storage';
import { browserName } from '@/lib/tracker-export';
import { captureMessages, stubApi } from '../fake-extension';
import { createFakeRedmine, type FakeRedmine } from './fake-redmine';
import { REDMINE_KEY, redmineTarget } from './targets';
import { createWorld, STUDY } from './world';

let db: StudyGroupDb;
let redmine: FakeRedmine;
let ids: { pay: string; settings: string };
const realFetch = globalThis.fetch;

beforeEach(async () => {
  fakeBrowser.reset();
  vi.resetModules();
  const world = await createWorld();
  db = world.db;
  ids = world.ids;
  redmine = createFakeRedmine(redmineTarget.baseUrl, REDMINE_KEY);
  globalThis.fetch = redmine.fetch as typeof fetch;
  stubApi(fakeBrowser.permissions, 'contains', async () => true);
  await trackerTargetsItem.setValue([redmineTarget]);
});
afterEach(() => {
  globalThis.fetch = realFetch;
  vi.restoreAllMocks();
  db.close();
});

async function boot() {
  const send = captureMessages();
  const { registerTrackerExport } = await import('@/lib/tracker-export');
  const service = registerTrackerExport(db);
  return { send, service };
}

const page = () => ({ url: fakeBrowser.runtime.getURL('/review.html'), tab: { id: 2 } });
const request = () => ({
  targetId: redmineTarget.id,
  scope: { type: 'findings' as const, studyKey: STUDY, findingIds: [ids.pay] },
  existing: 'skip' as const,
});

describe('registerTrackerExport', () => {
  it('exports from an extension page through the stored target', async () => {
    const { send, service } = await boot();
    const result = await send('export.enqueue', request(), page());
    expect(result).toMatchObject({ type: 'ok', queued: 1 });
    await service.idle();
    expect(redmine.issues).toHaveLength(1);
    expect(await db.exportReceipts.count()).toBe(1);
  });

  it('refuses every export message from a content script', async () => {
    const { send } = await boot();
    const web = { url: 'https://app.example/checkout', tab: { id: 2 } };
    expect(await send('export.enqueue', request(), web)).toMatchObject({ type: 'error' });
    expect(await send('export.cancel', { batchId: 'b' }, web)).toMatchObject({ type: 'error' });
    expect(await send('export.retry', { jobId: 'j' }, web)).toMatchObject({ type: 'error' });
    expect(await db.exportJobs.count()).toBe(0);
  });

  it('sets an alarm for an item waiting to retry, and the alarm takes it up', async () => {
    redmine.fail(
      (method, path) => method === 'POST' && path === '/issues.json',
      () => new Response('', { status: 503 }),
    );
    const { send, service } = await boot();
    await send('export.enqueue', request(), page());
    await service.idle();
    const [job] = await db.exportJobs.toArray();
    expect(job?.status.type).toBe('waiting');
    const alarm = await fakeBrowser.alarms.get('sg-export-retry');
    expect(alarm?.scheduledTime).toBe(job?.status.type === 'waiting' && job.status.retryAt);
    await db.exportJobs.update(job!.id, { status: { type: 'waiting', retryAt: 0, reason: 'x' } });
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'sg-export-retry', scheduledTime: 0 });
    await vi.waitFor(async () =>
      expect((await db.exportJobs.get(job!.id))?.status.type).toBe('done'),
    );
    await service.idle();
    expect(redmine.issues).toHaveLength(1);
    expect(await fakeBrowser.alarms.get('sg-export-retry')).toBeFalsy();
  });

  it('resumes the queue a dead worker left, as it starts', async () => {
    const first = await boot();
    await first.send('export.enqueue', request(), page());
    await first.service.idle();
    // The item is marked running as if the worker died during its step.
    const [job] = await db.exportJobs.toArray();
    await db.exportJobs.update(job!.id, {
      status: { type: 'running', step: 'attaching' },
    });
    await db.exportReceipts.clear();
    const requests = redmine.seen.length;
    vi.resetModules();
    fakeBrowser.reset();
    stubApi(fakeBrowser.permissions, 'contains', async () => true);
    await trackerTargetsItem.setValue([redmineTarget]);
    const second = await boot();
    await vi.waitFor(async () => expect(await db.exportReceipts.count()).toBe(1));
    await second.service.idle();
    // Its issue and files were recorded: nothing is sent again.
    expect(redmine.seen.length).toBe(requests);
    expect(redmine.issues).toHaveLength(1);
  });
});

describe('browserName', () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0.0.0 Safari/537.36',
      'Chrome 156',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', 'Firefox 153'],
    ['Mozilla/5.0 AppleWebKit/537.36 Chrome/140.0 Safari/537.36 Edg/140.0', 'Edge 140'],
    ['curl/8', null],
  ])('%s → %s', (ua, name) => expect(browserName(ua)).toBe(name));
});
