import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LIVE_RECORDING_KEY, PAGE_TAB_KEY_PREFIX, SPOOL_KEY_PREFIX } from '@/lib/contracts';
import { createDb, type StudyGroupDb } from '@/lib/storage';
import { captureMessages, fakeEvent, recordingSession, stubApi } from '../fake-extension';
import { meta, payload, snapshot } from './service-harness';

const ORIGIN = 'http://127.0.0.1:4173';
const TAB = 7;
const PAGE = { tab: { id: TAB }, url: `${ORIGIN}/` };
const WORKER_SEEN_KEY = 'sg-worker-seen';

/**
 * What fake-browser lacks, stubbed: scripting (an in-memory registry),
 * tabs.reload and tabs.sendMessage (recorded), permissions (access granted),
 * permissions.onAdded and webRequest's events (fakeEvent).
 */
function stubBrowser() {
  const registered = new Map<string, { matches?: string[] }>();
  stubApi(fakeBrowser, 'scripting', {
    registerContentScripts: async (scripts: { id: string; matches?: string[] }[]) => {
      for (const s of scripts) {
        if (registered.has(s.id)) throw new Error('Duplicate script ID');
        registered.set(s.id, s);
      }
    },
    unregisterContentScripts: async ({ ids }: { ids: string[] }) =>
      void ids.forEach((id) => registered.delete(id)),
    getRegisteredContentScripts: async ({ ids }: { ids: string[] }) =>
      ids.filter((id) => registered.has(id)).map((id) => ({ id, ...registered.get(id) })),
  });
  const reloaded: number[] = [];
  stubApi(fakeBrowser.tabs, 'reload', async (tabId: number) => void reloaded.push(tabId));
  const controls: { tabId: number; type: unknown }[] = [];
  stubApi(
    fakeBrowser.tabs,
    'sendMessage',
    // @webext-core/messaging passes a callback: it resolves with the recorder's answer.
    (
      tabId: number,
      message: { type: string; data: { type: unknown } },
      _options: unknown,
      done: (response: unknown) => void,
    ) => {
      if (message.type === 'recorder.control') controls.push({ tabId, type: message.data.type });
      done({ res: undefined });
    },
  );
  stubApi(fakeBrowser, 'permissions', {
    contains: async () => true,
    remove: async () => true,
    onAdded: fakeEvent(),
  });
  const webRequest = {
    onCompleted: fakeEvent<[unknown]>(),
    onErrorOccurred: fakeEvent<[unknown]>(),
  };
  stubApi(fakeBrowser, 'webRequest', webRequest);
  return { registered, reloaded, controls, webRequest };
}

/** A worker start: fresh modules (the messaging module keeps one listener per type). */
async function boot(db: StudyGroupDb) {
  const send = captureMessages();
  const badge = vi.spyOn(fakeBrowser.action, 'setBadgeText');
  const { registerSessionService } = await import('@/lib/sessions/register');
  const service = registerSessionService(db);
  // The worker-start path ends by showing the state it found.
  await vi.waitFor(() => expect(badge).toHaveBeenCalled());
  return { send, service };
}

const badgeText = () => fakeBrowser.action.getBadgeText({});
const local = async (key: string) => (await fakeBrowser.storage.local.get(key))[key];

let db: StudyGroupDb;
let fake: ReturnType<typeof stubBrowser>;
beforeEach(() => {
  fakeBrowser.reset();
  vi.resetModules();
  fake = stubBrowser();
  db = createDb(`register-${Math.random()}`);
});
afterEach(() => {
  vi.restoreAllMocks();
  db.close();
});

const START = { title: 'T', participant: 'P', origins: [ORIGIN], tabId: TAB, studyId: null };

describe('registerSessionService: messages reach the service', () => {
  it('session.start records, registers the scripts, reloads the tab, shows REC and publishes sg-live', async () => {
    const { send } = await boot(db);
    const result = await send('session.start', START);
    expect(result.type).toBe('ok');
    const id = result.type === 'ok' ? result.session.id : '';
    expect((await db.sessions.get(id))?.status).toBe('recording');
    expect([...fake.registered.keys()].sort()).toEqual(['sg-page-world', 'sg-recorder']);
    expect(fake.reloaded).toEqual([TAB]);
    expect(await badgeText()).toBe('REC');
    expect(await local(LIVE_RECORDING_KEY)).toMatchObject({ sessionId: id, origins: [ORIGIN] });
  });

  it('recorder.hello answers with the session and remembers the page tab in storage.session', async () => {
    const { send } = await boot(db);
    const started = await send('session.start', START);
    const answer = await send('recorder.hello', { url: `${ORIGIN}/`, pageId: 'page-1' }, PAGE);
    expect(answer).toMatchObject({
      type: 'record',
      sessionId: started.type === 'ok' ? started.session.id : '',
      tabId: TAB,
    });
    const key = `${PAGE_TAB_KEY_PREFIX}page-1`;
    expect((await fakeBrowser.storage.session.get(key))[key]).toBe(TAB);
  });

  it('recorder.hello from a page with no session answers idle and remembers nothing', async () => {
    const { send } = await boot(db);
    expect(await send('recorder.hello', { url: `${ORIGIN}/`, pageId: 'page-1' }, PAGE)).toEqual({
      type: 'idle',
    });
    const stored = await fakeBrowser.storage.session.get(null);
    expect(Object.keys(stored).filter((k) => k.startsWith(PAGE_TAB_KEY_PREFIX))).toEqual([]);
  });

  it('the badge follows pause and stop; stop removes sg-live and the page tabs; delete removes the session', async () => {
    const { send } = await boot(db);
    const started = await send('session.start', START);
    const sessionId = started.type === 'ok' ? started.session.id : '';
    await send('recorder.hello', { url: `${ORIGIN}/`, pageId: 'page-1' }, PAGE);

    expect((await send('session.pause', { sessionId })).type).toBe('ok');
    expect(await badgeText()).toBe('II');
    expect(await local(LIVE_RECORDING_KEY)).toBeUndefined();
    expect(fake.controls).toContainEqual({ tabId: TAB, type: 'pause' });

    expect((await send('session.resume', { sessionId, tabId: null })).type).toBe('ok');
    expect(await badgeText()).toBe('REC');
    expect(await local(LIVE_RECORDING_KEY)).toMatchObject({ sessionId });

    expect((await send('session.stop', { sessionId })).type).toBe('ok');
    expect(await badgeText()).toBe('');
    expect(await local(LIVE_RECORDING_KEY)).toBeUndefined();
    expect(await fakeBrowser.storage.session.get(null)).not.toHaveProperty(
      `${PAGE_TAB_KEY_PREFIX}page-1`,
    );
    expect(fake.registered.size).toBe(0);
    expect((await db.sessions.get(sessionId))?.status).toBe('ended');

    expect(await send('session.delete', { sessionId })).toEqual({ type: 'ok' });
    expect(await db.sessions.get(sessionId)).toBeUndefined();
  });
});

describe('registerSessionService: failed requests', () => {
  it('stores HTTP errors and network failures of session tabs, not successes, other tabs or aborts', async () => {
    const { send } = await boot(db);
    const started = await send('session.start', START);
    const sessionId = started.type === 'ok' ? started.session.id : '';
    const ts = Date.now();
    const request = { tabId: TAB, timeStamp: ts, method: 'GET', url: `${ORIGIN}/api/cart` };
    fake.webRequest.onCompleted.fire({ ...request, statusCode: 200, initiator: ORIGIN });
    fake.webRequest.onCompleted.fire({ ...request, tabId: -1, statusCode: 500, initiator: ORIGIN });
    fake.webRequest.onErrorOccurred.fire({ ...request, error: 'net::ERR_ABORTED' });
    fake.webRequest.onCompleted.fire({ ...request, statusCode: 503, initiator: ORIGIN });
    // Firefox names the initiator originUrl.
    fake.webRequest.onErrorOccurred.fire({
      ...request,
      url: 'https://cdn.example/lib.js',
      originUrl: `${ORIGIN}/cart`,
      error: 'NS_ERROR_CONNECTION_REFUSED',
    });
    await vi.waitFor(async () => {
      const failed = await db.timeline.where('sessionId').equals(sessionId).toArray();
      expect(
        failed
          .filter((e) => e.type === 'request-failed')
          .map((e) => ('status' in e ? [e.status, e.error] : []))
          .sort(),
      ).toEqual([
        [0, 'NS_ERROR_CONNECTION_REFUSED'],
        [503, ''],
      ]);
    });
  });
});

describe('registerSessionService: spooled batches', () => {
  it('drains a batch a page spooled to storage.local into ingest and removes it', async () => {
    const { send } = await boot(db);
    const started = await send('session.start', START);
    const sessionId = started.type === 'ok' ? started.session.id : '';
    await send('recorder.hello', { url: `${ORIGIN}/`, pageId: 'page-1' }, PAGE);
    const t = Date.now();
    const batch = {
      sessionId,
      segment: { id: 'seg-spooled', url: `${ORIGIN}/`, startedAt: t },
      seq: 0,
      payload: payload([meta(t), snapshot(t + 1)]),
      timeline: [],
    };
    const key = `${SPOOL_KEY_PREFIX}seg-spooled:0`;
    // The page went away before it heard back: its batch carries its pageId, not a tab.
    await fakeBrowser.storage.local.set({ [key]: { pageId: 'page-1', batch } });

    await vi.waitFor(async () => expect(await local(key)).toBeUndefined());
    await vi.waitFor(async () =>
      expect(await db.chunks.where('sessionId').equals(sessionId).count()).toBe(1),
    );
    expect((await db.segments.get('seg-spooled'))?.sessionId).toBe(sessionId);
  });
});

describe('registerSessionService: worker start', () => {
  it('on a fresh browser run marks the live session interrupted and clears sg-live', async () => {
    await db.sessions.add(recordingSession('s-live', ORIGIN, TAB));
    await fakeBrowser.storage.local.set({ [LIVE_RECORDING_KEY]: { sessionId: 's-live' } });
    await boot(db);
    await vi.waitFor(async () =>
      expect((await db.sessions.get('s-live'))?.status).toBe('interrupted'),
    );
    await vi.waitFor(async () => expect(await badgeText()).toBe('!'));
    expect(await local(LIVE_RECORDING_KEY)).toBeUndefined();
    expect(fake.registered.size).toBe(0);
    expect((await fakeBrowser.storage.session.get(WORKER_SEEN_KEY))[WORKER_SEEN_KEY]).toBe(true);
  });

  it('after a worker restart keeps the session recording and registers its scripts again', async () => {
    await db.sessions.add(recordingSession('s-live', ORIGIN, TAB));
    await fakeBrowser.storage.session.set({ [WORKER_SEEN_KEY]: true });
    await boot(db);
    await vi.waitFor(async () => expect(await badgeText()).toBe('REC'));
    expect((await db.sessions.get('s-live'))?.status).toBe('recording');
    expect([...fake.registered.keys()].sort()).toEqual(['sg-page-world', 'sg-recorder']);
    await vi.waitFor(async () =>
      expect(await local(LIVE_RECORDING_KEY)).toMatchObject({ sessionId: 's-live' }),
    );
  });
});
