import { lastSeenRecording } from './elapsed';
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
      // Every page load of the run: another tab's may have recorded later than the newest one.
      const segments = await db.segments.where('sessionId').equals(session.id).toArray();
      const lastSeen = lastSeenRecording(session, segments, deps.now());
      await db.sessions.put({
        ...session,
        status: 'interrupted',
        activeMs: lastSeen === null ? session.activeMs : accumulate(session, lastSeen),
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
