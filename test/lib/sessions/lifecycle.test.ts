import { beforeEach, describe, expect, it } from 'vitest';
import { createKit } from '@/lib/studies';
import {
  TASK_UNDO_GRACE_MS,
  type SessionCommandResult,
  type StudyKit,
  type TaskProgress,
} from '@/lib/contracts';
import { createHarness, ORIGIN, T0, type Harness } from './service-harness';

let h: Harness;
let sessionId: string;

function kit(): StudyKit {
  let n = 0;
  return {
    ...createKit(T0, () => `kit-id-${++n}`),
    id: 'kit-1',
    origins: [ORIGIN],
    tasks: [
      { id: 't1', title: 'Find the payout', doneWhen: 'You see the date' },
      { id: 't2', title: 'Export payouts', doneWhen: 'You have a CSV' },
    ],
  };
}

const tasksOf = (result: SessionCommandResult): TaskProgress[] =>
  result.type === 'ok' ? result.session.tasks : [];
const stored = async () => (await h.db.sessions.get(sessionId))!.tasks;

beforeEach(async () => {
  h = createHarness();
  sessionId = await h.start(kit());
});

describe('study rounds', () => {
  it('a session keeps the round of the kit it played, as it was at the start', async () => {
    const h2 = createHarness();
    const id = await h2.start({ ...kit(), round: 2 });
    await h2.db.studies.update('kit-1', { round: 3 });
    expect((await h2.db.sessions.get(id))?.study?.round).toBe(2);
  });
});

describe('drafts', () => {
  it('a draft kit cannot start a session, even by a request the popup would not make', async () => {
    const h2 = createHarness();
    await expect(h2.start({ ...kit(), status: 'draft' })).rejects.toThrow(/still a draft/);
    expect(await h2.db.sessions.count()).toBe(0);
  });
});

describe('task outcomes', () => {
  it('stores the outcome at once, with no ease until the participant answers', async () => {
    h.clock.now = T0 + 60_000;
    const result = await h.service.recordTask({ sessionId, taskId: 't1', outcome: 'done' });
    expect(tasksOf(result)[0]).toEqual({
      taskId: 't1',
      startedAt: T0,
      endedAt: T0 + 60_000,
      outcome: 'done',
    });
    expect((await stored())[0]).not.toHaveProperty('ease');
  });

  it('refuses outcomes that are not one, whoever sent them', async () => {
    for (const raw of [
      null,
      'done',
      { sessionId, taskId: 't1', outcome: 'won' },
      { sessionId, taskId: 't1' },
      { sessionId, taskId: 42, outcome: 'done' },
      { sessionId: 'x'.repeat(101), taskId: 't1', outcome: 'done' },
    ]) {
      expect(await h.service.recordTask(raw), JSON.stringify(raw)).toMatchObject({
        type: 'error',
      });
    }
    expect((await stored()).map((t) => t.outcome)).toEqual([null, null]);
  });
});

describe('task ease', () => {
  it('stores the answer on a task that has ended', async () => {
    await h.service.recordTask({ sessionId, taskId: 't1', outcome: 'done' });
    const result = await h.service.recordEase({ sessionId, taskId: 't1', ease: 5 });
    expect(tasksOf(result)[0]).toMatchObject({ taskId: 't1', outcome: 'done', ease: 5 });
    expect((await stored())[0]?.ease).toBe(5);
    expect((await stored())[1]).not.toHaveProperty('ease');
  });

  it('takes an answer for a task given up as well', async () => {
    await h.service.recordTask({ sessionId, taskId: 't1', outcome: 'gave-up' });
    await h.service.recordEase({ sessionId, taskId: 't1', ease: 1 });
    expect((await stored())[0]).toMatchObject({ outcome: 'gave-up', ease: 1 });
  });

  it('refuses an answer for a task without an outcome, or one the session does not have', async () => {
    await h.service.recordTask({ sessionId, taskId: 't1', outcome: 'done' });
    expect(await h.service.recordEase({ sessionId, taskId: 't2', ease: 6 })).toMatchObject({
      type: 'error',
      message: 'That task has not ended yet.',
    });
    expect(await h.service.recordEase({ sessionId, taskId: 'nope', ease: 6 })).toMatchObject({
      type: 'error',
    });
    expect(await h.service.recordEase({ sessionId: 'other', taskId: 't1', ease: 6 })).toMatchObject(
      { type: 'error' },
    );
    expect((await stored()).map((t) => t.ease)).toEqual([undefined, undefined]);
  });

  it('refuses values off the 1-7 scale', async () => {
    await h.service.recordTask({ sessionId, taskId: 't1', outcome: 'done' });
    for (const ease of [0, 8, 2.5, -1, '5', true, Number.NaN, undefined]) {
      expect(
        await h.service.recordEase({ sessionId, taskId: 't1', ease }),
        String(ease),
      ).toMatchObject({ type: 'error' });
    }
    expect(await h.service.recordEase(null)).toMatchObject({ type: 'error' });
    expect((await stored())[0]).not.toHaveProperty('ease');
  });

  it('stores a skip as null; a later skip does not erase an answer, a new answer replaces it', async () => {
    await h.service.recordTask({ sessionId, taskId: 't1', outcome: 'done' });
    await h.service.recordEase({ sessionId, taskId: 't1', ease: null });
    expect((await stored())[0]?.ease).toBeNull();
    await h.service.recordEase({ sessionId, taskId: 't1', ease: 3 });
    expect((await stored())[0]?.ease).toBe(3);
    expect(await h.service.recordEase({ sessionId, taskId: 't1', ease: null })).toMatchObject({
      type: 'ok',
    });
    expect((await stored())[0]?.ease).toBe(3);
    await h.service.recordEase({ sessionId, taskId: 't1', ease: 7 });
    expect((await stored())[0]?.ease).toBe(7);
  });

  it('refuses answers once the session has ended', async () => {
    await h.service.recordTask({ sessionId, taskId: 't1', outcome: 'done' });
    await h.service.stop(sessionId);
    expect(await h.service.recordEase({ sessionId, taskId: 't1', ease: 4 })).toMatchObject({
      type: 'error',
      message: 'This session has ended.',
    });
    expect((await stored())[0]).not.toHaveProperty('ease');
  });

  it('leaves the goal and the next task as the outcome set them', async () => {
    await h.service.recordTask({ sessionId, taskId: 't1', outcome: 'done' });
    await h.service.recordTask({ sessionId, taskId: 't2', outcome: 'done' });
    const before = await h.db.sessions.get(sessionId);
    await h.service.recordEase({ sessionId, taskId: 't2', ease: 2 });
    const after = await h.db.sessions.get(sessionId);
    expect(after?.goalReached).toBe(true);
    expect(after?.tasks.map(({ ease: _e, ...t }) => t)).toEqual(before?.tasks);
  });
});

describe('undoing a task outcome', () => {
  it('puts the task back as it was: no outcome, no ease, the next task not started, no goal', async () => {
    h.clock.now = T0 + 30_000;
    await h.service.recordTask({ sessionId, taskId: 't1', outcome: 'done' });
    h.clock.now = T0 + 30_000;
    await h.service.recordTask({ sessionId, taskId: 't2', outcome: 'done' });
    await h.service.recordEase({ sessionId, taskId: 't2', ease: 6 });
    expect((await h.db.sessions.get(sessionId))?.goalReached).toBe(true);
    h.clock.now = T0 + 33_000;
    const result = await h.service.undoTask({ sessionId, taskId: 't2' });
    expect(tasksOf(result)[1]).toEqual({
      taskId: 't2',
      startedAt: T0 + 30_000,
      endedAt: null,
      outcome: null,
    });
    const session = await h.db.sessions.get(sessionId);
    expect(session?.goalReached).toBeNull();
    expect(session?.tasks[0]?.outcome).toBe('done');
  });

  it('the next task that outcome started is not started any more', async () => {
    h.clock.now = T0 + 10_000;
    await h.service.recordTask({ sessionId, taskId: 't1', outcome: 'gave-up' });
    expect((await stored())[1]?.startedAt).toBe(T0 + 10_000);
    await h.service.undoTask({ sessionId, taskId: 't1' });
    expect((await stored()).map((t) => [t.startedAt, t.outcome])).toEqual([
      [T0, null],
      [null, null],
    ]);
  });

  it('refuses after its window, for a task without an outcome, or once a later task ended', async () => {
    h.clock.now = T0 + 10_000;
    await h.service.recordTask({ sessionId, taskId: 't1', outcome: 'done' });
    expect(await h.service.undoTask({ sessionId, taskId: 't2' })).toMatchObject({ type: 'error' });
    h.clock.now = T0 + 10_000 + TASK_UNDO_GRACE_MS + 1;
    expect(await h.service.undoTask({ sessionId, taskId: 't1' })).toMatchObject({
      type: 'error',
      message: 'Too late to undo: the outcome is kept.',
    });
    await h.service.recordTask({ sessionId, taskId: 't2', outcome: 'done' });
    expect(await h.service.undoTask({ sessionId, taskId: 't1' })).toMatchObject({ type: 'error' });
    for (const raw of [null, { sessionId }, { sessionId, taskId: 7 }]) {
      expect(await h.service.undoTask(raw), JSON.stringify(raw)).toMatchObject({ type: 'error' });
    }
    expect((await stored()).map((t) => t.outcome)).toEqual(['done', 'done']);
  });
});
