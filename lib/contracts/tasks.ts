import type { CurrentTask } from './protocol';
import type { Ease } from './findings';
import type { SessionRecord } from './records';
import type { TaskProgress } from './studies';

/**
 * The first task without an outcome, with its kit text; null when there is
 * none left. Shared here because the popup shows it and annotations record it.
 */
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

/** The Single Ease Question, asked when a task ends (in the popup and the overlay). */
export const EASE_QUESTION = 'Overall, how difficult or easy was this task?';
export const EASE_VALUES: readonly Ease[] = [1, 2, 3, 4, 5, 6, 7];
/** What the ends of the scale mean; the answers between have no words of their own. */
export const EASE_ENDS = { 1: 'Very difficult', 7: 'Very easy' } as const;

/** A task that has ended and whose ease is still to be asked. */
export interface TaskAwaitingEase {
  taskId: string;
  title: string;
  outcome: 'done' | 'gave-up';
}

/**
 * The task that ended last, while neither an answer nor a skip is stored
 * for it: the question waits for the participant (a popup closed before
 * answering asks again when it opens), but only ever about the latest task.
 */
export function taskAwaitingEase(
  session: Pick<SessionRecord, 'study' | 'tasks'>,
): TaskAwaitingEase | null {
  let last: TaskProgress | null = null;
  for (const t of session.tasks) {
    if (t.outcome !== null && (last === null || (t.endedAt ?? 0) >= (last.endedAt ?? 0))) last = t;
  }
  if (!last?.outcome || last.ease !== undefined) return null;
  const task = session.study?.tasks.find((t) => t.id === last.taskId);
  return task ? { taskId: task.id, title: task.title, outcome: last.outcome } : null;
}

/** How long the overlay offers Undo after Done / Give up. */
export const TASK_UNDO_MS = 5_000;
/** The background accepts an undo a little later: the message may wait for a waking worker. */
export const TASK_UNDO_GRACE_MS = TASK_UNDO_MS + 10_000;
