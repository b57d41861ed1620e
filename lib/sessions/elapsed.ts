/** Recording time so far: pauses excluded. */
export function elapsedMs(
  session: { activeMs: number; runStartedAt: number | null },
  now: number,
): number {
  return (
    session.activeMs + (session.runStartedAt === null ? 0 : Math.max(0, now - session.runStartedAt))
  );
}
