import {
  accumulate,
  currentSession,
  LIVE_STATUSES,
  reflect,
  type SessionContext,
} from './session-context';

/** What a worker or browser restart left behind, made consistent again. */
export function createRecovery(ctx: SessionContext) {
  const { db, deps } = ctx;

  /** Browser or extension restart: whatever was live was cut off; keep it, marked interrupted. */
  async function interruptLive(): Promise<void> {
    const live = await db.sessions.where('status').anyOf(LIVE_STATUSES).toArray();
    for (const session of live) {
      const lastSegment = await db.segments
        .where('[sessionId+startedAt]')
        .between([session.id, 0], [session.id, Infinity])
        .last();
      const lastSeen = Math.max(lastSegment?.lastTs ?? 0, session.runStartedAt ?? 0);
      await db.sessions.put({
        ...session,
        status: 'interrupted',
        activeMs: accumulate(session, lastSeen),
        runStartedAt: null,
      });
    }
    await deps.scripts.unregister();
    await deps.publishLive(null);
    deps.showState(live.length ? 'interrupted' : null);
  }

  /** Worker restart within one browser run: make the registration match the stored session. */
  async function reconcile(): Promise<void> {
    const session = await currentSession(db);
    const live = session && LIVE_STATUSES.includes(session.status);
    const registered = await deps.scripts.isRegistered();
    if (live && !registered) await deps.scripts.register(session.origins);
    if (!live && registered) await deps.scripts.unregister();
    await reflect(ctx, session ?? null);
  }

  return { interruptLive, reconcile };
}
