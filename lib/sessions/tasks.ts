import type { CurrentTask, SessionRecord } from '../contracts';

/** The first task without an outcome, with its kit text; null when there is none left. */
export function currentTask(session: Pick<SessionRecord, 'study' | 'tasks'>): CurrentTask | null {
  const index = session.tasks.findIndex((t) => t.outcome === null);
  const progress = session.tasks[index];
  const task = progress && session.study?.tasks.find((t) => t.id === progress.taskId);
  if (!task) return null;
  return {
    id: task.id,
    title: task.title,
    doneWhen: task.doneWhen,
    index,
    total: session.tasks.length,
  };
}
