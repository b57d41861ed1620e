import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { studyMetrics } from '@/lib/metrics';
import type { AnnotationRecord, TimelineRecord } from '@/lib/contracts';
import { annotation, kit, ORIGIN, session, task } from '../findings/records';

const study = kit();
const sessions = ['s1', 's2', 's3', 's4'].map((id, i) =>
  session(id, {
    participant: i === 3 ? 'p1' : `p${i}`,
    study,
    goalReached: i % 2 === 0,
    tasks: [
      task('t1', { startedAt: 0, endedAt: 10_000 * (i + 1), outcome: 'done', ease: 5 }),
      task('t2', {
        startedAt: 10_000 * (i + 1),
        endedAt: 50_000,
        outcome: i % 2 === 0 ? 'done' : 'gave-up',
      }),
    ],
  }),
);

const annotations = fc.array(
  fc.record({
    sessionId: fc.constantFrom('s1', 's2', 's3', 's4', 'elsewhere'),
    ts: fc.integer({ min: 0, max: 60_000 }),
    path: fc.constantFrom('/payouts/1', '/payouts/2', '/settings'),
    tagId: fc.constantFrom('confused', 'stuck'),
    severity: fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
    detector: fc.option(
      fc.constantFrom('js-error', 'dead-click', 'slow-page') as fc.Arbitrary<
        AnnotationRecord['detector']
      >,
    ),
    dismissed: fc.boolean(),
  }),
  { maxLength: 25 },
);

const timeline = fc.array(
  fc
    .record({ sessionId: fc.constantFrom('s1', 's2', 's3'), ts: fc.nat(60_000) })
    .map(({ sessionId, ts }): TimelineRecord => ({
      sessionId,
      ts,
      segmentId: null,
      tabId: 1,
      type: 'unhandled-rejection',
      reason: 'x',
    })),
  { maxLength: 6 },
);

const world = fc.tuple(annotations, timeline).chain(([list, entries]) => {
  const records = list.map(({ path, detector, ...fields }, i) =>
    annotation(`a${i}`, {
      ...fields,
      url: `${ORIGIN}${path}`,
      ...(detector ? { kind: 'auto', tagId: null, detector } : {}),
    }),
  );
  return fc.record({
    records: fc.constant(records),
    entries: fc.constant(entries),
    shuffled: fc.tuple(
      fc.shuffledSubarray(sessions, { minLength: sessions.length }),
      fc.shuffledSubarray(records, { minLength: records.length }),
      fc.shuffledSubarray(entries, { minLength: entries.length }),
    ),
  });
});

describe('studyMetrics, whatever the input', () => {
  it('gives the same numbers for the same records in any order', () => {
    fc.assert(
      fc.property(world, ({ records, entries, shuffled: [s, a, t] }) => {
        expect(studyMetrics(s, a, t)).toEqual(studyMetrics(sessions, records, entries));
      }),
    );
  });

  it('counts every kept annotation of the study once by tag, page and task', () => {
    fc.assert(
      fc.property(world, ({ records }) => {
        const metrics = studyMetrics(sessions, records);
        const kept = records.filter((a) => !a.dismissed && a.sessionId !== 'elsewhere').length;
        const sum = (counts: { count: number }[]) => counts.reduce((n, c) => n + c.count, 0);
        expect(sum(metrics.frictionByTag.counts)).toBe(kept);
        expect(sum(metrics.frictionByPage.counts)).toBe(kept);
        expect(sum(metrics.frictionByTask.counts) + metrics.frictionByTask.outsideTasks).toBe(kept);
        expect(metrics.frictionByParticipant.items.reduce((n, p) => n + p.total, 0)).toBe(kept);
        expect(metrics.goalReachedZeroFriction.successes).toBeLessThanOrEqual(
          metrics.goalReached.successes,
        );
      }),
    );
  });
});
