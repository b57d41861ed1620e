import { beforeEach, describe, expect, it } from 'vitest';
import {
  createDb,
  findLastEndedSession,
  findOpenSession,
  listAnnotationsWithScreenshots,
  listSessionsNewestFirst,
  type StudyGroupDb,
} from '@/lib/storage';
import type { AnnotationRecord, SessionRecord, SessionStatus } from '@/lib/contracts';

let db: StudyGroupDb;

const session = (id: string, status: SessionStatus, startedAt: number): SessionRecord => ({
  id,
  title: id,
  participant: '',
  origins: ['http://127.0.0.1:4173'],
  tabIds: [],
  status,
  startedAt,
  endedAt: status === 'ended' ? startedAt + 1 : null,
  activeMs: 0,
  runStartedAt: null,
  endReason: null,
  stats: { bytes: 0, events: 0, pages: 0 },
  study: null,
  tasks: [],
  goalReached: null,
});

const annotation = (id: string, sessionId: string, ts: number): AnnotationRecord => ({
  id,
  sessionId,
  kind: 'manual',
  ts,
  url: 'http://127.0.0.1:4173/',
  tabId: 1,
  segmentId: null,
  tagId: 'confused',
  detector: null,
  severity: 1,
  note: '',
  target: null,
  evidence: null,
  dedupeKey: null,
});

beforeEach(() => {
  db = createDb(`queries-${Math.random()}`);
});

describe('session queries', () => {
  it('lists sessions newest first', async () => {
    await db.sessions.bulkPut([
      session('b', 'ended', 2),
      session('c', 'ended', 3),
      session('a', 'ended', 1),
    ]);
    expect((await listSessionsNewestFirst(db)).map((s) => s.id)).toEqual(['c', 'b', 'a']);
  });

  it('finds the open session whatever its live status, and none when all have ended', async () => {
    expect(await findOpenSession(db)).toBeNull();
    await db.sessions.put(session('old', 'ended', 1));
    expect(await findOpenSession(db)).toBeNull();
    for (const status of ['recording', 'paused', 'interrupted'] as const) {
      await db.sessions.put(session('live', status, 2));
      expect(await findOpenSession(db)).toMatchObject({ id: 'live', status });
    }
  });

  it('finds the newest ended session, not a newer live one', async () => {
    expect(await findLastEndedSession(db)).toBeNull();
    await db.sessions.bulkPut([
      session('older', 'ended', 1),
      session('newer', 'ended', 2),
      session('live', 'recording', 3),
    ]);
    expect((await findLastEndedSession(db))?.id).toBe('newer');
  });
});

describe('annotation queries', () => {
  it("lists one session's annotations oldest first, each with its screenshot or null", async () => {
    await db.annotations.bulkPut([
      annotation('late', 's1', 20),
      annotation('early', 's1', 10),
      annotation('other', 's2', 15),
    ]);
    const data = new Uint8Array([1, 2, 3]);
    await db.screenshots.put({
      annotationId: 'late',
      sessionId: 's1',
      source: 'capture',
      mime: 'image/jpeg',
      data,
    });
    const listed = await listAnnotationsWithScreenshots(db, 's1');
    expect(listed.map((x) => x.annotation.id)).toEqual(['early', 'late']);
    expect(listed[0]!.screenshot).toBeNull();
    expect(listed[1]!.screenshot).toMatchObject({ mime: 'image/jpeg', data });
  });
});
