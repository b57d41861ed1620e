import { describe, expect, it } from 'vitest';
import { clusterFindings } from '@/lib/findings';
import { compareRounds, studyMetrics } from '@/lib/metrics';
import type { AnnotationRecord, SessionRecord } from '@/lib/contracts';
import {
  annotation,
  auto,
  identity,
  kit,
  ORIGIN,
  pinned,
  session,
  TAGS,
  task,
} from '../findings/records';

const save = pinned({ identity: identity({ role: 'button', name: 'Save' }) });

function round(sessions: SessionRecord[], annotations: AnnotationRecord[]) {
  const bySession = new Map(sessions.map((s) => [s.id, s]));
  const items = annotations.map((a) => ({
    annotation: a,
    participant: bySession.get(a.sessionId)?.participant ?? '',
    sessionId: a.sessionId,
    tags: TAGS,
  }));
  return {
    metrics: studyMetrics(sessions, annotations),
    findings: clusterFindings({ items, overrides: [], participants: sessions.length }).findings,
  };
}

const tasksOf = (done: boolean, t1Ms: number) => [
  task('t1', {
    startedAt: 0,
    endedAt: t1Ms,
    outcome: done ? 'done' : 'gave-up',
    ease: done ? 6 : 2,
  }),
  task('t2', { startedAt: t1Ms, endedAt: t1Ms + 60_000, outcome: done ? 'done' : 'gave-up' }),
];

describe('compareRounds', () => {
  // Round 1: 1 of 2 reached the goal; a dead click on Save and a JS error.
  const one = kit({ round: 1 });
  const before = round(
    [
      session('r1a', {
        participant: 'ana',
        study: one,
        activeMs: 900_000,
        goalReached: true,
        tasks: tasksOf(true, 120_000),
      }),
      session('r1b', {
        participant: 'ben',
        study: one,
        goalReached: false,
        tasks: tasksOf(false, 60_000),
      }),
    ],
    [
      auto('b1', 'dead-click', { sessionId: 'r1a', target: save, url: `${ORIGIN}/payouts/1` }),
      auto('b2', 'js-error', { sessionId: 'r1b', evidence: { messages: ['Payout 4 failed'] } }),
    ],
  );
  // Round 2 after fixes: both reach it, faster; the JS error remains, a confusing label is new.
  const two = kit({
    round: 2,
    tasks: [...one.tasks, { id: 't3', title: 'Download', doneWhen: '' }],
  });
  const after = round(
    [
      session('r2a', {
        participant: 'cy',
        study: two,
        activeMs: 900_000,
        goalReached: true,
        tasks: tasksOf(true, 60_000),
      }),
      session('r2b', {
        participant: 'dee',
        study: two,
        activeMs: 900_000,
        goalReached: true,
        tasks: tasksOf(true, 80_000),
      }),
    ],
    [
      auto('a1', 'js-error', { sessionId: 'r2b', evidence: { messages: ['Payout 19 failed'] } }),
      annotation('a2', { sessionId: 'r2a', tagId: 'confused', url: `${ORIGIN}/settings` }),
    ],
  );
  const comparison = compareRounds(before, after);

  it('gives each metric before, after and the change', () => {
    expect(comparison.participants).toEqual({ before: 2, after: 2, change: 0 });
    expect(comparison.goalReached).toEqual({ before: 0.5, after: 1, change: 0.5 });
    // Goal-reached sessions with zero friction: none before (the dead click), one after.
    expect(comparison.goalReachedZeroFriction).toEqual({ before: 0, after: 0.5, change: 0.5 });
    // Time to goal: 180 s before; 120 s and 140 s after.
    expect(comparison.timeToGoalMedianMs).toEqual({
      before: 180_000,
      after: 130_000,
      change: -50_000,
    });
    expect(comparison.badDayEventsPerSession).toEqual({ before: 0.5, after: 0.5, change: 0 });
  });

  it('compares tasks by id, with tasks only one round had', () => {
    expect(comparison.tasks.map((t) => t.taskId)).toEqual(['t1', 't2', 't3']);
    const [t1, , t3] = comparison.tasks;
    expect(t1?.success).toEqual({ before: 0.5, after: 1, change: 0.5 });
    expect(t1?.timeOnTaskMs).toEqual({ before: 120_000, after: 70_000, change: -50_000 });
    expect(t1?.ease).toEqual({ before: 4, after: 6, change: 2 });
    expect(t3).toEqual({
      taskId: 't3',
      title: 'Download',
      success: { before: null, after: null, change: null },
      timeOnTaskMs: { before: null, after: null, change: null },
      ease: { before: null, after: null, change: null },
    });
  });

  it('matches findings by fingerprint: fixed, persisting, new', () => {
    const titles = (list: { title: string }[]) => list.map((f) => f.title);
    expect(titles(comparison.findings.fixed)).toEqual(['Dead click on “Save” · /payouts/:n']);
    expect(
      comparison.findings.persisting.map((p) => [p.before.annotationIds, p.after.annotationIds]),
    ).toEqual([[['b2'], ['a1']]]);
    expect(titles(comparison.findings.new)).toEqual(['Confused · /settings']);
  });

  it('finds nothing changed between a round and itself', () => {
    const same = compareRounds(before, before);
    expect(same.findings.fixed).toEqual([]);
    expect(same.findings.new).toEqual([]);
    expect(same.goalReached.change).toBe(0);
  });

  it('has no change where a round has no value', () => {
    const empty = round([], []);
    const fromNothing = compareRounds(empty, after);
    expect(fromNothing.goalReached).toEqual({ before: null, after: 1, change: null });
    expect(fromNothing.findings.new).toHaveLength(2);
  });
});
