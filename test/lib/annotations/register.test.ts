import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { QUICK_SESSION_TAGS, TAG_COMMAND } from '@/lib/annotations';
import type { AnnotationRequest } from '@/lib/contracts';
import { createDb, type StudyGroupDb } from '@/lib/storage';
import { captureMessages, fakeEvent, recordingSession, stubApi } from '../fake-extension';

const ORIGIN = 'http://127.0.0.1:4173';
const TAB = 7;
const PAGE = { tab: { id: TAB, windowId: 1 }, url: `${ORIGIN}/` };

type Tab = { id?: number };
let db: StudyGroupDb;
let onCommand: ReturnType<typeof fakeEvent<[string, Tab | undefined]>>;
let toTabs: { tabId: number; type: string; data: unknown }[];

/** fake-browser has no commands.onCommand nor getAll, nor tabs.sendMessage/captureVisibleTab: stubbed. */
beforeEach(() => {
  fakeBrowser.reset();
  vi.resetModules();
  onCommand = fakeEvent();
  stubApi(fakeBrowser, 'commands', {
    onCommand,
    // The user rebound the shortcut: the overlay must show this one.
    getAll: async () => [{ name: TAG_COMMAND, shortcut: 'Ctrl+Shift+Y' }],
  });
  toTabs = [];
  stubApi(
    fakeBrowser.tabs,
    'sendMessage',
    (
      tabId: number,
      message: { type: string; data: unknown },
      _o: unknown,
      done: (r: unknown) => void,
    ) => {
      toTabs.push({ tabId, type: message.type, data: message.data });
      done({ res: undefined });
    },
  );
  // No activeTab grant, as when the tag was made with the mouse.
  stubApi(fakeBrowser.tabs, 'captureVisibleTab', async () => {
    throw new Error('Missing activeTab permission');
  });
  db = createDb(`annotations-register-${Math.random()}`);
});
afterEach(() => {
  vi.restoreAllMocks();
  db.close();
});

async function boot() {
  const send = captureMessages();
  const { registerAnnotationService } = await import('@/lib/annotations/register');
  registerAnnotationService(db);
  return send;
}

const request = (overrides: Partial<AnnotationRequest> = {}): AnnotationRequest => ({
  sessionId: 's-live',
  segmentId: null,
  ts: Date.now() - 1_000,
  url: `${ORIGIN}/cart`,
  tagId: QUICK_SESSION_TAGS[0]!.id,
  severity: 2,
  note: '  Could not find the coupon field ',
  target: null,
  cover: { devicePixelRatio: 1, boxes: [] },
  ...overrides,
});

describe('registerAnnotationService', () => {
  it('overlay.state answers for a tab of the live session, with the hotkey as bound now', async () => {
    await db.sessions.add(recordingSession('s-live', ORIGIN, TAB));
    const send = await boot();
    const state = await send('overlay.state', { sessionId: 's-live' }, PAGE);
    expect(state).toMatchObject({ sessionId: 's-live', hotkey: 'Ctrl+Shift+Y', task: null });
    expect(state?.tags.map((t) => t.id)).toEqual(QUICK_SESSION_TAGS.map((t) => t.id));
    expect(await send('overlay.state', { sessionId: 's-live' }, { tab: { id: 99 } })).toBe(null);
  });

  it('annotation.add stores the annotation of the sender tab, without a picture when capture is refused', async () => {
    await db.sessions.add(recordingSession('s-live', ORIGIN, TAB));
    const send = await boot();
    const result = await send('annotation.add', request(), PAGE);
    expect(result).toMatchObject({ type: 'ok', screenshot: 'none' });
    const stored = await db.annotations.where('sessionId').equals('s-live').toArray();
    expect(stored).toEqual([
      expect.objectContaining({
        kind: 'manual',
        tabId: TAB,
        tagId: QUICK_SESSION_TAGS[0]!.id,
        severity: 2,
        note: 'Could not find the coupon field',
      }),
    ]);
    expect(await db.screenshots.count()).toBe(0);
  });

  it('annotation.add from a tab outside the session stores nothing', async () => {
    await db.sessions.add(recordingSession('s-live', ORIGIN, TAB));
    const send = await boot();
    const result = await send('annotation.add', request(), { tab: { id: 99, windowId: 1 } });
    expect(result.type).toBe('error');
    expect(await db.annotations.count()).toBe(0);
  });

  it('the tag command sends overlay.open to the tab it was pressed in, and ignores other commands', async () => {
    await boot();
    onCommand.fire('something-else', { id: TAB });
    onCommand.fire(TAG_COMMAND, undefined);
    onCommand.fire(TAG_COMMAND, { id: TAB });
    // Sent in order, so a message for an ignored command would come first.
    await vi.waitFor(() =>
      expect(toTabs).toEqual([{ tabId: TAB, type: 'overlay.open', data: { via: 'command' } }]),
    );
  });
});
