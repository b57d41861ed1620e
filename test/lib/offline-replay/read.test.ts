import { describe, expect, it } from 'vitest';
import {
  createFindingClip,
  findingClipParts,
  offlineReplayFileName,
  sessionReplayParts,
  type OfflineManifest,
} from '@/lib/offline-replay';
import type { RrwebEvent } from '@/lib/contracts';
import { annotation, collect, fiveMinuteSession, jsonBlock, newDb, session, T0 } from './fixtures';

const options = { playerScript: 'void 0;', now: new Date(T0) };

describe('offline replays read from storage', () => {
  it('holds a whole session: every stored event, the annotations as markers', async () => {
    const db = newDb();
    await fiveMinuteSession(db, 'a', 'Ana');
    await db.annotations.bulkPut([
      annotation('n1', 'a', T0 + 65_000, 'where is the button?'),
      { ...annotation('n2', 'a', T0 + 70_000), dismissed: true },
    ]);
    const html = await collect(sessionReplayParts(db, 'a', options));
    const manifest = jsonBlock<OfflineManifest>(html, 'sg-manifest');
    expect(manifest.title).toBe('Session a · Ana');
    const [clip] = manifest.clips;
    expect(clip!.startTs).toBe(T0);
    expect(clip!.endTs).toBe(T0 + 300_000);
    expect(clip!.markers).toEqual([
      {
        ts: T0 + 65_000,
        label: 'Confused',
        color: '#6941c6',
        note: 'where is the button?',
        severity: 2,
        kind: 'manual',
      },
    ]);
    const events = jsonBlock<RrwebEvent[]>(html, clip!.segments[0]!.eventsId);
    // 5 checkouts (Meta + FullSnapshot) and 300 pointer moves.
    expect(events).toHaveLength(310);
  });

  it('makes a finding clip per participant, from the checkout before 10 s ahead of the first annotation to 10 s after the last', async () => {
    const db = newDb();
    await fiveMinuteSession(db, 'a', 'Ana');
    await fiveMinuteSession(db, 'b', 'Ben', T0 + 1_000_000);
    await db.annotations.bulkPut([
      annotation('a1', 'a', T0 + 95_000),
      annotation('a2', 'a', T0 + 130_000),
      annotation('b1', 'b', T0 + 1_000_000 + 252_000),
      annotation('other', 'a', T0 + 200_000),
    ]);
    const finding = {
      title: 'Payout date is hidden',
      annotationIds: ['a1', 'a2', 'b1'],
      sessionIds: ['a', 'b'],
    };
    const html = await collect(findingClipParts(db, finding, options));
    const manifest = jsonBlock<OfflineManifest>(html, 'sg-manifest');
    expect(manifest.clips.map((c) => [c.participant, c.startTs - T0, c.endTs - T0])).toEqual([
      ['Ana', 85_000, 140_000],
      ['Ben', 1_242_000, 1_262_000],
    ]);
    expect(manifest.clips[0]!.markers.map((m) => m.ts - T0)).toEqual([95_000, 130_000]);
    const ana = jsonBlock<RrwebEvent[]>(html, manifest.clips[0]!.segments[0]!.eventsId);
    // From the checkout at 60 s (its Meta first) to 140 s, nothing later.
    expect(ana[0]).toMatchObject({ type: 4, timestamp: T0 + 60_000 });
    expect(ana[1]).toMatchObject({ type: 2, timestamp: T0 + 60_001 });
    expect(Math.max(...ana.map((e) => e.timestamp))).toBeLessThanOrEqual(T0 + 140_000);
    expect(ana.filter((e) => e.type === 2)).toHaveLength(2);
    const ben = jsonBlock<RrwebEvent[]>(html, manifest.clips[1]!.segments[0]!.eventsId);
    expect(ben[0]).toMatchObject({ type: 4, timestamp: T0 + 1_000_000 + 240_000 });
  });

  it('gives the tracker pipeline the clip as an HTML attachment', async () => {
    const db = newDb();
    await fiveMinuteSession(db, 'a', 'Ana');
    await db.annotations.put(annotation('a1', 'a', T0 + 95_000));
    const file = await createFindingClip(
      db,
      { title: 'Payout date is hidden!', annotationIds: ['a1'], sessionIds: ['a'] },
      options,
    );
    expect(file.fileName).toBe('payout-date-is-hidden-replay.html');
    expect(file.mime).toBe('text/html');
    const html = new TextDecoder().decode(file.data);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.trimEnd()).toMatch(/<\/html>$/);
  });

  it('says when there is nothing to replay', async () => {
    const db = newDb();
    await db.sessions.put(session('empty', 'Ana', T0, T0 + 1));
    await expect(collect(sessionReplayParts(db, 'empty', options))).rejects.toThrow(/Nothing/);
    await expect(collect(sessionReplayParts(db, 'gone', options))).rejects.toThrow(/no longer/);
    await expect(
      collect(
        findingClipParts(
          db,
          { title: 'x', annotationIds: ['none'], sessionIds: ['empty'] },
          options,
        ),
      ),
    ).rejects.toThrow(/Nothing/);
  });

  it('names the files', () => {
    expect(
      offlineReplayFileName(
        { type: 'session', session: session('a', 'Ana B', T0, T0) },
        new Date(T0),
      ),
    ).toBe('session-a-ana-b-2026-12-01-replay.html');
  });
});
