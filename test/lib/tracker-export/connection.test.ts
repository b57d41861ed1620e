import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TrackerClient, TrackerTarget } from '@/lib/contracts';
import { createDb, type StudyGroupDb } from '@/lib/storage';
import { testTrackerConnection } from '@/lib/tracker-export';
import { createTrackerClient } from '@/lib/trackers';
import { captureMessages, stubApi } from '../fake-extension';
import { createFakeRedmine } from './fake-redmine';
import { REDMINE_KEY, redmineTarget } from './targets';

const now = () => Date.now();

function deps(access: boolean, server = createFakeRedmine(redmineTarget.baseUrl, REDMINE_KEY)) {
  const asked: string[][] = [];
  return {
    server,
    asked,
    deps: {
      client: (target: TrackerTarget) => createTrackerClient(target, { fetch: server.fetch, now }),
      hasHostAccess: async (origins: string[]) => {
        asked.push(origins);
        return access;
      },
      withPort: true,
    },
  };
}

describe('testTrackerConnection', () => {
  it('tests a valid target whose host is granted', async () => {
    const { deps: d, asked } = deps(true);
    const result = await testTrackerConnection({ target: redmineTarget }, d);
    expect(result.type === 'ok' && result.value.checks.every((c) => c.ok)).toBe(true);
    expect(asked).toEqual([['http://127.0.0.1:3030/*']]);
  });

  it('says which host is not granted yet, sending nothing', async () => {
    const { deps: d, server } = deps(false);
    expect(await testTrackerConnection({ target: redmineTarget }, d)).toEqual({
      type: 'error',
      retryable: false,
      status: null,
      message: 'Study Group has no access to 127.0.0.1:3030 yet: save the tracker to grant it.',
    });
    expect(server.seen).toEqual([]);
  });

  it.each([
    ['no target', {}],
    ['an unknown type', { target: { ...redmineTarget, type: 'trac' } }],
    ['a file: URL', { target: { ...redmineTarget, baseUrl: 'file:///etc/passwd' } }],
    ['an oversized key', { target: { ...redmineTarget, apiKey: 'k'.repeat(4_001) } }],
    ['too many labels', { target: { ...redmineTarget, labels: Array(21).fill('l') } }],
  ])('refuses %s before any request', async (_, raw) => {
    const { deps: d, server, asked } = deps(true);
    const result = await testTrackerConnection(raw, d);
    expect(result).toMatchObject({ type: 'error', retryable: false });
    expect(result.type === 'error' && result.message).toMatch(/tracker settings are not valid/);
    expect(server.seen).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('redacts the secret from whatever a client reports', async () => {
    const leaky: TrackerClient = {
      ...createTrackerClient(redmineTarget, { fetch: fetch, now }),
      testConnection: async () => ({
        type: 'ok',
        value: { checks: [{ label: 'Signed in', ok: true, detail: `key ${REDMINE_KEY}` }] },
      }),
    };
    const result = await testTrackerConnection(
      { target: redmineTarget },
      { client: () => leaky, hasHostAccess: async () => true },
    );
    expect(JSON.stringify(result)).not.toContain(REDMINE_KEY);
    expect(JSON.stringify(result)).toContain('[redacted]');
  });
});

describe('tracker.test message', () => {
  let db: StudyGroupDb;
  const realFetch = globalThis.fetch;
  beforeEach(() => {
    fakeBrowser.reset();
    vi.resetModules();
    db = createDb(`tracker-test-${Math.random()}`);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    globalThis.fetch = realFetch;
    db.close();
  });

  async function boot(access: boolean) {
    const server = createFakeRedmine(redmineTarget.baseUrl, REDMINE_KEY);
    globalThis.fetch = server.fetch as typeof fetch;
    stubApi(fakeBrowser.permissions, 'contains', async () => access);
    const send = captureMessages();
    const { registerTrackerExport } = await import('@/lib/tracker-export');
    registerTrackerExport(db);
    return { send, server };
  }

  it('answers the extension’s own pages', async () => {
    const { send } = await boot(true);
    const result = await send(
      'tracker.test',
      { target: redmineTarget },
      { url: fakeBrowser.runtime.getURL('/options.html'), tab: { id: 3 } },
    );
    expect(result.type).toBe('ok');
  });

  it('refuses a content script (a web page’s URL), sending nothing', async () => {
    const { send, server } = await boot(true);
    const result = await send(
      'tracker.test',
      { target: redmineTarget },
      { url: 'https://shop.example.com/', tab: { id: 3 } },
    );
    expect(result).toMatchObject({ type: 'error', retryable: false });
    expect(server.seen).toEqual([]);
  });

  it('passes on a missing host permission', async () => {
    const { send } = await boot(false);
    const result = await send(
      'tracker.test',
      { target: redmineTarget },
      { url: fakeBrowser.runtime.getURL('/options.html') },
    );
    expect(result.type === 'error' && result.message).toMatch(/no access to 127\.0\.0\.1/);
  });
});
