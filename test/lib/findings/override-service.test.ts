import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDb, deleteSession, listFindingOverrides, type StudyGroupDb } from '@/lib/storage';
import { captureMessages, recordingSession } from '../fake-extension';

let db: StudyGroupDb;

beforeEach(() => {
  fakeBrowser.reset();
  vi.resetModules();
  db = createDb(`findings-register-${Math.random()}`);
});
afterEach(() => {
  vi.restoreAllMocks();
  db.close();
});

async function boot() {
  const send = captureMessages();
  const { registerFindings } = await import('@/lib/findings');
  registerFindings(db);
  return send;
}

const KEY = 'kit-1#2';

describe('findings overrides, written by the background', () => {
  it('stores a valid decision under its study with the rules version and returns its id', async () => {
    const send = await boot();
    const before = Date.now();
    const result = await send('findings.override', {
      studyKey: KEY,
      override: { type: 'rename', findingId: 'f1', title: '  Save does nothing  ' },
    });
    expect(result.type).toBe('ok');
    const stored = await db.findingOverrides.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      id: result.type === 'ok' ? result.id : 'none',
      studyKey: KEY,
      rulesVersion: 1,
      override: { type: 'rename', findingId: 'f1', title: 'Save does nothing' },
    });
    expect(stored[0]!.createdAt).toBeGreaterThanOrEqual(before);
  });

  it.each([
    ['an unknown type', { type: 'delete', findingId: 'f1' }],
    ['an empty title', { type: 'rename', findingId: 'f1', title: '   ' }],
    ['an unknown status', { type: 'status', findingId: 'f1', status: 'done' }],
    ['a finding absorbing itself', { type: 'merge', findingId: 'f1', otherId: 'f1' }],
    [
      'a split of nothing',
      { type: 'split', findingId: 'f1', annotationIds: [], newFindingId: 'f2' },
    ],
    [
      'a split into the same finding',
      { type: 'split', findingId: 'f1', annotationIds: ['a1'], newFindingId: 'f1' },
    ],
    ['an overlong id', { type: 'status', findingId: 'f'.repeat(201), status: 'accepted' }],
  ])('rejects %s and stores nothing', async (_name, override) => {
    const send = await boot();
    const result = await send('findings.override', {
      studyKey: KEY,
      override: override as never,
    });
    expect(result.type).toBe('error');
    expect(await db.findingOverrides.count()).toBe(0);
  });

  it('rejects a study key that is not kit#round', async () => {
    const send = await boot();
    for (const studyKey of ['kit-1', 'kit-1#0', '#1', 'kit-1#x']) {
      const result = await send('findings.override', {
        studyKey,
        override: { type: 'status', findingId: 'f1', status: 'accepted' },
      });
      expect(result, studyKey).toMatchObject({ type: 'error' });
    }
    expect(await db.findingOverrides.count()).toBe(0);
  });

  it('keeps decisions made in the same millisecond in the order they were made', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(5_000);
    const send = await boot();
    const ids: string[] = [];
    for (const status of ['accepted', 'wont-fix', 'new'] as const) {
      const result = await send('findings.override', {
        studyKey: KEY,
        override: { type: 'status', findingId: 'f1', status },
      });
      if (result.type === 'ok') ids.push(result.id);
    }
    const listed = await listFindingOverrides(db, KEY);
    expect(listed.map((o) => o.id)).toEqual(ids);
    expect(listed.map((o) => o.createdAt)).toEqual([5_000, 5_001, 5_002]);
  });

  it('undoes a decision by id, and says so when there is none to undo', async () => {
    const send = await boot();
    const kept = await send('findings.override', {
      studyKey: KEY,
      override: { type: 'status', findingId: 'f1', status: 'accepted' },
    });
    const undone = await send('findings.override', {
      studyKey: KEY,
      override: { type: 'merge', findingId: 'f1', otherId: 'f2' },
    });
    if (undone.type !== 'ok' || kept.type !== 'ok') throw new Error('not stored');
    expect(await send('findings.undo', { id: undone.id })).toEqual({ type: 'ok' });
    expect((await db.findingOverrides.toArray()).map((o) => o.id)).toEqual([kept.id]);
    expect(await send('findings.undo', { id: undone.id })).toMatchObject({ type: 'error' });
    expect(await send('findings.undo', { id: '' })).toMatchObject({ type: 'error' });
    expect(await db.findingOverrides.count()).toBe(1);
  });

  it('lists each study its own decisions, and deleting a session leaves them', async () => {
    const send = await boot();
    await db.sessions.add({ ...recordingSession('s1', 'http://127.0.0.1:1', 1), status: 'ended' });
    await send('findings.override', {
      studyKey: KEY,
      override: { type: 'status', findingId: 'f1', status: 'accepted' },
    });
    await send('findings.override', {
      studyKey: 'kit-1#1',
      override: { type: 'status', findingId: 'f1', status: 'wont-fix' },
    });
    await deleteSession(db, 's1');
    expect((await listFindingOverrides(db, KEY)).map((o) => o.override)).toEqual([
      { type: 'status', findingId: 'f1', status: 'accepted' },
    ]);
    expect(await listFindingOverrides(db, 'kit-1#1')).toHaveLength(1);
  });
});
