/** Recording time so far: pauses excluded. */
export function elapsedMs(
  session: { activeMs: number; runStartedAt: number | null },
  now: number,
): number {
  return (
    session.activeMs + (session.runStartedAt === null ? 0 : Math.max(0, now - session.runStartedAt))
  );
}

/**
 * When a session the browser cut off was last seen recording: the latest
 * moment anything of its current run was stored (a segment's last event, a
 * page's "still recording" mark every 15 s, a task ended or started),
 * never before the run started nor after `now`. Nothing was written at the
 * moment the browser went away, so this is the best the stored data knows.
 */
export function lastSeenRecording(
  session: {
    runStartedAt: number | null;
    tasks: { startedAt: number | null; endedAt: number | null }[];
  },
  segments: { startedAt: number; lastTs: number }[],
  now: number,
): number | null {
  const from = session.runStartedAt;
  if (from === null) return null;
  const moments = [
    ...segments.flatMap((s) => [s.startedAt, s.lastTs]),
    ...session.tasks.flatMap((t) => [t.startedAt ?? 0, t.endedAt ?? 0]),
  ].filter((ts) => Number.isFinite(ts) && ts >= from && ts <= now);
  return Math.max(from, ...moments);
}
