import { describe, expect, it } from 'vitest';
import { taskAwaitingEase, type TaskProgress } from '@/lib/contracts';
import { createKit } from '@/lib/studies';

const study = {
  ...createKit(1, () => 'id'),
  tasks: [
    { id: 't1', title: 'Find the payout', doneWhen: '' },
    { id: 't2', title: 'Export payouts', doneWhen: '' },
  ],
};
const progress = (
  taskId: string,
  endedAt: number | null,
  outcome: TaskProgress['outcome'],
  ease?: TaskProgress['ease'],
): TaskProgress => ({
  taskId,
  startedAt: 0,
  endedAt,
  outcome,
  ...(ease === undefined ? {} : { ease }),
});

describe('taskAwaitingEase', () => {
  it('is nothing before a task ends, and in a quick session', () => {
    expect(taskAwaitingEase({ study, tasks: [progress('t1', null, null)] })).toBeNull();
    expect(taskAwaitingEase({ study: null, tasks: [] })).toBeNull();
  });

  it('asks about the task that ended last, until it has an answer or a skip', () => {
    const tasks = [progress('t1', 10, 'done'), progress('t2', null, null)];
    expect(taskAwaitingEase({ study, tasks })).toEqual({
      taskId: 't1',
      title: 'Find the payout',
      outcome: 'done',
    });
    for (const ease of [4, null] as const) {
      expect(taskAwaitingEase({ study, tasks: [progress('t1', 10, 'done', ease)] })).toBeNull();
    }
  });

  it('never asks about an earlier task once a later one has ended', () => {
    const tasks = [progress('t1', 10, 'done'), progress('t2', 20, 'gave-up')];
    expect(taskAwaitingEase({ study, tasks })).toMatchObject({ taskId: 't2', outcome: 'gave-up' });
    const answeredLast = [progress('t1', 10, 'done'), progress('t2', 20, 'done', 6)];
    expect(taskAwaitingEase({ study, tasks: answeredLast })).toBeNull();
  });

  it('is nothing for a task the kit no longer names', () => {
    expect(taskAwaitingEase({ study, tasks: [progress('gone', 10, 'done')] })).toBeNull();
  });
});
