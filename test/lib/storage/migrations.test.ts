import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { createDb, gzipJson, loadSegmentEvents } from '@/lib/storage';

describe('database migrations', () => {
  it('upgrades a v1 database to the current version without losing data and fills the new counters', async () => {
    const name = `migrate-${Math.random()}`;
    // The v1 layout exactly as shipped: no counters on sessions or segments.
    const v1 = new Dexie(name);
    v1.version(1).stores({
      sessions: 'id, status, startedAt',
      segments: 'id, sessionId',
      chunks: '[segmentId+seq], sessionId',
      timeline: '++id, sessionId',
    });
    const events = [
      { type: 4, data: { href: 'https://a/' }, timestamp: 10 },
      { type: 2, data: {}, timestamp: 11 },
    ];
    const more = [{ type: 3, data: {}, timestamp: 20 }];
    const chunkA = await gzipJson(events);
    const chunkB = await gzipJson(more);
    await v1.table('sessions').add({
      id: 's1',
      title: 'Old',
      participant: 'p',
      origins: ['https://a'],
      tabIds: [1],
      status: 'ended',
      startedAt: 5,
      endedAt: 30,
      activeMs: 25,
      runStartedAt: null,
      endReason: { type: 'user' },
    });
    await v1
      .table('segments')
      .add({ id: 'g1', sessionId: 's1', tabId: 1, url: 'https://a/', startedAt: 10 });
    await v1
      .table('segments')
      .add({ id: 'g2', sessionId: 's1', tabId: 1, url: 'https://a/b', startedAt: 40 });
    await v1.table('chunks').bulkAdd([
      { segmentId: 'g1', seq: 0, sessionId: 's1', firstTs: 10, lastTs: 11, count: 2, data: chunkA },
      { segmentId: 'g1', seq: 1, sessionId: 's1', firstTs: 20, lastTs: 20, count: 1, data: chunkB },
    ]);
    await v1.table('timeline').add({
      sessionId: 's1',
      segmentId: 'g1',
      tabId: 1,
      ts: 12,
      type: 'console-error',
      message: 'x',
    });
    v1.close();

    const db = createDb(name);
    const session = await db.sessions.get('s1');
    expect(session?.title).toBe('Old');
    expect(session?.stats).toEqual({
      bytes: chunkA.byteLength + chunkB.byteLength,
      events: 3,
      pages: 2,
    });
    expect(await db.segments.get('g1')).toMatchObject({ events: 3, lastSeq: 1, lastTs: 20 });
    expect(await db.segments.get('g2')).toMatchObject({
      events: 0,
      lastSeq: -1,
      lastTs: 40,
      bytes: 0,
    });
    expect(await loadSegmentEvents(db, 'g1')).toEqual([...events, ...more]);
    expect(await db.timeline.where('[sessionId+ts]').between(['s1', 0], ['s1', 100]).count()).toBe(
      1,
    );
    expect(db.verno).toBe(5);
    expect(await db.detectorStates.count()).toBe(0);
    expect(await db.assets.count()).toBe(0);
    expect(session).toMatchObject({ study: null, tasks: [], goalReached: null });
    expect(await db.annotations.count()).toBe(0);
  });
});
