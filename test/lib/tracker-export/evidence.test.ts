import { describe, expect, it } from 'vitest';
import type { Finding, IssueAttachment } from '@/lib/contracts';
import {
  combineEvidence,
  createReplayClipEvidence,
  type EvidenceContext,
} from '@/lib/tracker-export';

import { annotation, fiveMinuteSession, newDb, session, T0 } from '../offline-replay/fixtures';

const finding = (annotationIds: string[], sessionIds: string[]): Finding => ({
  id: 'f1',
  fingerprint: 'fp',
  title: 'Payout date is hidden',
  kind: { type: 'tag', tagId: 'confused' },
  status: 'new',
  annotationIds,
  sessionIds,
  reach: sessionIds.length,
  worstSeverity: 2,
  tagIds: ['confused'],
  pages: ['/payouts'],
  priority: 1,
});
const context = {} as EvidenceContext;

describe('replay clip evidence', () => {
  it('adds the clip, named by how many annotations it shows', async () => {
    const db = newDb();
    await fiveMinuteSession(db, 'a', 'Ana');
    await db.annotations.bulkPut([
      annotation('a1', 'a', T0 + 95_000),
      annotation('a2', 'a', T0 + 120_000),
    ]);
    const evidence = createReplayClipEvidence({
      db,
      loadPlayer: async () => 'void 0;',
      now: () => new Date(T0),
      log: () => {},
    });
    const [one] = await evidence(finding(['a1'], ['a']), context);
    const [two] = await evidence(finding(['a1', 'a2'], ['a']), context);
    expect(one?.fileName).toBe('payout-date-is-hidden-replay-1-annotation.html');
    expect(two?.fileName).toBe('payout-date-is-hidden-replay-2-annotations.html');
    expect(new TextDecoder().decode(one!.data)).toMatch(/^<!doctype html>/);
  });

  it('leaves the clip out, and says why, when there is nothing to replay', async () => {
    const db = newDb();
    await db.sessions.put(session('empty', 'Ana', T0, T0 + 1));
    await db.annotations.put(annotation('e1', 'empty', T0));
    const lines: string[] = [];
    const evidence = createReplayClipEvidence({
      db,
      loadPlayer: async () => 'void 0;',
      now: () => new Date(T0),
      log: (line) => lines.push(line),
    });
    expect(await evidence(finding(['e1'], ['empty']), context)).toEqual([]);
    expect(lines.join('\n')).toMatch(/no replay clip for finding f1/);
  });

  it('combines sources in order', async () => {
    const file = (name: string): IssueAttachment => ({
      fileName: name,
      mime: 'text/plain',
      data: new Uint8Array(),
    });
    const both = combineEvidence(
      async () => [file('shot.png')],
      async () => [file('clip.html')],
    );
    const names = (await both(finding([], []), context)).map((f) => f.fileName);
    expect(names).toEqual(['shot.png', 'clip.html']);
  });
});
