import { describe, expect, it } from 'vitest';
import { studyMetrics } from '@/lib/metrics';
import type { TimelineRecord } from '@/lib/contracts';
import { annotation, auto, kit, ORIGIN, session, task } from '../findings/records';

const study = kit();

// Five participants of one kit, times in ms. s2 paused for 100 s; s4 ended
// mid-task; s5 is still recording.
const sessions = [
  session('s1', {
    participant: 'ana',
    study,
    activeMs: 400_000,
    goalReached: true,
    tasks: [
      task('t1', { startedAt: 0, endedAt: 60_000, outcome: 'done', ease: 6 }),
      task('t2', { startedAt: 60_000, endedAt: 180_000, outcome: 'done', ease: 5 }),
    ],
  }),
  session('s2', {
    participant: 'ben',
    study,
    startedAt: 1_000_000,
    activeMs: 200_000,
    goalReached: true,
    tasks: [
      task('t1', { startedAt: 1_000_000, endedAt: 1_120_000, outcome: 'done', ease: 4 }),
      task('t2', { startedAt: 1_120_000, endedAt: 1_300_000, outcome: 'done', ease: null }),
    ],
  }),
  session('s3', {
    participant: 'cy',
    study,
    goalReached: false,
    tasks: [
      task('t1', { startedAt: 0, endedAt: 90_000, outcome: 'gave-up', ease: 2 }),
      task('t2', { startedAt: 90_000, endedAt: 100_000, outcome: 'gave-up' }),
    ],
  }),
  session('s4', {
    participant: 'dee',
    study,
    goalReached: null,
    tasks: [task('t1', { startedAt: 0 }), task('t2')],
  }),
  session('s5', {
    participant: 'eve',
    study,
    status: 'recording',
    startedAt: 2_000_000,
    endedAt: null,
    runStartedAt: 2_000_000,
    goalReached: null,
    tasks: [task('t1', { startedAt: 2_000_000 }), task('t2')],
  }),
];

const annotations = [
  annotation('m1', {
    sessionId: 's1',
    ts: 30_000,
    tagId: 'confused',
    severity: 1,
    url: `${ORIGIN}/payouts/1`,
  }),
  auto('d1', 'slow-page', { sessionId: 's1', ts: 100_000, dismissed: true }),
  annotation('m2', {
    sessionId: 's2',
    ts: 1_150_000,
    tagId: 'stuck',
    severity: 2,
    url: `${ORIGIN}/payouts/2`,
  }),
  auto('e1', 'js-error', { sessionId: 's2', ts: 1_010_000, url: `${ORIGIN}/payouts/2` }),
  auto('r1', 'failed-request', { sessionId: 's3', ts: 50_000, url: `${ORIGIN}/settings` }),
  auto('p1', 'error-page', { sessionId: 's3', ts: 95_000, url: `${ORIGIN}/oops?code=1` }),
  auto('c1', 'dead-click', { sessionId: 's3', ts: 200_000, url: `${ORIGIN}/settings` }),
  annotation('m3', {
    sessionId: 's4',
    ts: 5_000,
    tagId: 'confused',
    severity: 3,
    url: `${ORIGIN}/payouts/3`,
  }),
  annotation('x1', { sessionId: 'other-study', ts: 5_000 }),
];

const entry = (sessionId: string, fields: Partial<TimelineRecord>) =>
  ({ sessionId, segmentId: null, tabId: 1, ts: 0, ...fields }) as TimelineRecord;

const timeline = [
  entry('s3', {
    type: 'request-failed',
    method: 'GET',
    url: `${ORIGIN}/api`,
    status: 500,
    error: '',
  }),
  entry('s2', { type: 'js-error', message: 'x', source: '', line: 1, column: 1, stack: '' }),
  entry('s2', { type: 'unhandled-rejection', reason: 'y' }),
  entry('s2', { type: 'location', url: `${ORIGIN}/` }),
  entry('s1', { type: 'console-error', message: 'z' }),
];

describe('studyMetrics', () => {
  const metrics = studyMetrics(sessions, annotations, timeline);

  it('counts participants and sessions', () => {
    expect(metrics.participants).toMatchObject({ value: 5, sessions: 5 });
  });

  it('gives the goal rate of sessions that ended or answered, a session ended mid-task failing', () => {
    // s1, s2 of s1-s4; s5 is still under way.
    expect(metrics.goalReached).toMatchObject({ successes: 2, n: 4 });
    expect(metrics.goalReached.interval?.point).toBe(0.5);
    expect(metrics.goalReached.interval?.low).toBeCloseTo(0.15, 3);
    expect(metrics.goalReached.interval?.high).toBeCloseTo(0.85, 3);
  });

  it('counts goals reached with zero friction: no auto annotation, no tag of severity 2+', () => {
    // s1 has a severity-1 tag and a dismissed slow page; s2 a stuck tag and a JS error.
    expect(metrics.goalReachedZeroFriction).toMatchObject({ successes: 1, n: 4 });
    expect(metrics.goalReachedZeroFriction.interval?.low).toBeCloseTo(0.0341, 3);
  });

  it('times the goal from session start to the last task’s end, at most the recorded time', () => {
    // s1: 180 s of wall time; s2: 300 s of wall time but 200 s recorded (paused).
    expect(metrics.timeToGoal.n).toBe(2);
    expect(metrics.timeToGoal.medianMs).toBe(190_000);
    expect(metrics.timeToGoal.geometricMeanMs).toBeCloseTo(189_736.66, 1);
  });

  it('gives each task’s success, time and ease', () => {
    const [t1, t2] = metrics.tasks.items;
    expect(metrics.tasks.items.map((t) => t.title)).toEqual(['Find payouts', 'Change bank']);
    // t1: done by s1, s2; given up by s3; left open when s4 ended; s5 still on it.
    expect(t1?.success).toMatchObject({ successes: 2, n: 4 });
    expect(t1?.timeOnTaskMs).toBe(90_000); // 60 s and 120 s
    expect(t1?.timeOnTaskN).toBe(2);
    expect(t1?.ease).toEqual({ mean: 4, n: 3 }); // 6, 4, 2
    expect(t2?.success).toMatchObject({ successes: 2, n: 3 });
    expect(t2?.success.interval?.low).toBeCloseTo(0.2024, 3);
    expect(t2?.timeOnTaskMs).toBe(150_000); // 120 s and 180 s
    expect(t2?.ease).toEqual({ mean: 5, n: 1 }); // s2 skipped, s3 never asked
  });

  it('counts bad-day events per session', () => {
    expect(
      metrics.badDayEvents.sessions.map((s) => [s.sessionId, s.events, s.timelineEvents]),
    ).toEqual([
      ['s1', 0, 0],
      ['s3', 2, 1],
      ['s4', 0, 0],
      ['s2', 1, 2],
      ['s5', 0, 0],
    ]);
    expect(metrics.badDayEvents.sessions[1]?.byDetector).toEqual({
      'js-error': 0,
      'failed-request': 1,
      'error-page': 1,
      'slow-page': 0,
    });
    expect(metrics.badDayEvents.total).toBe(3);
    expect(metrics.badDayEvents.meanPerSession).toBe(0.6);
    expect(studyMetrics(sessions, annotations).badDayEvents.sessions[1]?.timelineEvents).toBeNull();
  });

  it('counts friction by participant, tag, page and task', () => {
    expect(metrics.frictionByParticipant.items).toEqual([
      { participant: 'ana', byTag: [{ key: 'confused', count: 1 }], total: 1 },
      {
        participant: 'ben',
        byTag: [
          { key: 'auto:js-error', count: 1 },
          { key: 'stuck', count: 1 },
        ],
        total: 2,
      },
      {
        participant: 'cy',
        byTag: [
          { key: 'auto:dead-click', count: 1 },
          { key: 'auto:error-page', count: 1 },
          { key: 'auto:failed-request', count: 1 },
        ],
        total: 3,
      },
      { participant: 'dee', byTag: [{ key: 'confused', count: 1 }], total: 1 },
      { participant: 'eve', byTag: [], total: 0 },
    ]);
    expect(metrics.frictionByTag.counts).toEqual([
      { key: 'confused', count: 2 },
      { key: 'auto:dead-click', count: 1 },
      { key: 'auto:error-page', count: 1 },
      { key: 'auto:failed-request', count: 1 },
      { key: 'auto:js-error', count: 1 },
      { key: 'stuck', count: 1 },
    ]);
    expect(metrics.frictionByPage.counts).toEqual([
      { key: '/payouts/:n', count: 4 },
      { key: '/settings', count: 2 },
      { key: '/oops', count: 1 },
    ]);
    // The dead click came after s3's last task ended.
    expect(metrics.frictionByTask.counts).toEqual([
      { key: 't1', count: 4 },
      { key: 't2', count: 2 },
    ]);
    expect(metrics.frictionByTask.outsideTasks).toBe(1);
    expect(metrics.labels).toMatchObject({ confused: 'Confused', 'auto:js-error': 'JS error' });
  });

  it('defines every metric in one line', () => {
    const definitions = [
      metrics.participants.definition,
      metrics.goalReached.definition,
      metrics.goalReachedZeroFriction.definition,
      metrics.timeToGoal.definition,
      ...Object.values(metrics.tasks.definitions),
      metrics.badDayEvents.definition,
      metrics.frictionByParticipant.definition,
      metrics.frictionByTag.definition,
      metrics.frictionByPage.definition,
      metrics.frictionByTask.definition,
    ];
    expect(new Set(definitions).size).toBe(definitions.length);
    for (const line of definitions) expect(line).toMatch(/^[^\n]{20,}$/);
  });
});

describe('studyMetrics at the edges', () => {
  it('has nothing to say without sessions', () => {
    const metrics = studyMetrics([], []);
    expect(metrics.participants.value).toBe(0);
    expect(metrics.goalReached).toMatchObject({ successes: 0, n: 0, interval: null });
    expect(metrics.timeToGoal).toMatchObject({ medianMs: null, geometricMeanMs: null, n: 0 });
    expect(metrics.tasks.items).toEqual([]);
    expect(metrics.badDayEvents).toMatchObject({ sessions: [], total: 0, meanPerSession: null });
    expect(metrics.frictionByTag.counts).toEqual([]);
  });

  it('leaves quick sessions out of the goal, and counts their friction outside tasks', () => {
    const quick = [session('q1', { participant: 'ana' }), session('q2', { participant: 'ana' })];
    const metrics = studyMetrics(quick, [
      annotation('a', { sessionId: 'q1', tagId: 'confused' }),
      annotation('b', { sessionId: 'q2', tagId: 'confused' }),
    ]);
    expect(metrics.participants).toMatchObject({ value: 1, sessions: 2 });
    expect(metrics.goalReached.n).toBe(0);
    expect(metrics.tasks.items).toEqual([]);
    expect(metrics.frictionByTask).toMatchObject({ counts: [], outsideTasks: 2 });
    expect(metrics.frictionByTag.counts).toEqual([{ key: 'confused', count: 2 }]);
  });

  it('takes a kit without tasks: the goal answered, its time the recorded time', () => {
    const noTasks = kit({ tasks: [] });
    const metrics = studyMetrics(
      [session('s', { study: noTasks, goalReached: true, activeMs: 42_000 })],
      [],
    );
    expect(metrics.tasks.items).toEqual([]);
    expect(metrics.goalReached).toMatchObject({ successes: 1, n: 1 });
    expect(metrics.timeToGoal.medianMs).toBe(42_000);
  });

  it('leaves out a session still under way with no outcome', () => {
    const live = session('s', {
      study,
      status: 'paused',
      goalReached: null,
      tasks: [task('t1', { startedAt: 0 })],
    });
    const metrics = studyMetrics([live], []);
    expect(metrics.goalReached.n).toBe(0);
    expect(metrics.tasks.items[0]?.success).toMatchObject({ successes: 0, n: 0, interval: null });
  });

  it('counts no friction when every annotation is dismissed', () => {
    const dismissed = annotations.map((a) => ({ ...a, dismissed: true }));
    const metrics = studyMetrics(sessions, dismissed);
    expect(metrics.frictionByTag.counts).toEqual([]);
    expect(metrics.frictionByTask).toMatchObject({ counts: [], outsideTasks: 0 });
    expect(metrics.badDayEvents.total).toBe(0);
    // Both goal-reached sessions now had zero friction.
    expect(metrics.goalReachedZeroFriction).toMatchObject({ successes: 2, n: 4 });
  });

  it('counts an alias once however it is spaced, and a session without one for itself', () => {
    const metrics = studyMetrics(
      [
        session('a', { participant: 'ana' }),
        session('b', { participant: ' ana ' }),
        session('c', { participant: '' }),
      ],
      [],
    );
    expect(metrics.participants.value).toBe(2);
  });
});
