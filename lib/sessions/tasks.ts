/** Time spent on a task so far (or in all), in ms. */
export function timeOnTask(
  task: { startedAt: number | null; endedAt: number | null },
  now: number,
): number {
  return task.startedAt === null ? 0 : Math.max(0, (task.endedAt ?? now) - task.startedAt);
}
