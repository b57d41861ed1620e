import { deleteSession } from '../storage';
import { overBudgetMessage } from './ingest-budget';
import {
  parseTaskEaseRequest,
  parseTaskOutcomeRequest,
  parseTaskUndoRequest,
} from './message-schema';
import { originOf } from '../urls';
import {
  accumulate,
  currentSession,
  liveSession,
  reflect,
  type MessageSenderInfo,
  type SessionContext,
} from './session-context';
import {
  TASK_UNDO_GRACE_MS,
  type ControlMessage,
  type EndReason,
  type HelloResponse,
  type PendingCommand,
  type SessionCommandResult,
  type SessionRecord,
  type StartSessionRequest,
} from '../contracts';

/** A parked command older than this is dropped: the user walked away from the prompt. */
const PENDING_TTL_MS = 5 * 60_000;
/** How long stop waits for open tabs to flush their last batch. */
const FLUSH_TIMEOUT_MS = 3_000;

function ok(session: SessionRecord): SessionCommandResult {
  return { type: 'ok', session };
}

function fail(message: string): SessionCommandResult {
  return { type: 'error', message };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;

/**
 * Start, pause, resume, stop and delete a session, the commands parked while
 * Chrome asks for access, its tasks, and which tabs belong to it.
 */
export function createLifecycle(ctx: SessionContext) {
  const { db, deps } = ctx;

  async function loadIn(tabIds: number[]): Promise<void> {
    await Promise.allSettled(tabIds.map((tabId) => deps.scripts.load(tabId)));
  }

  /** Ask each tab to flush and stop/pause; tabs that are gone or silent are skipped. */
  async function broadcast(session: SessionRecord, message: ControlMessage): Promise<void> {
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, FLUSH_TIMEOUT_MS));
    await Promise.race([
      Promise.allSettled(session.tabIds.map((tabId) => deps.sendControl(tabId, message))),
      timeout,
    ]);
  }

  async function end(session: SessionRecord, reason: EndReason): Promise<SessionRecord> {
    const now = deps.now();
    const ended: SessionRecord = {
      ...session,
      status: 'ended',
      endedAt: now,
      activeMs: accumulate(session, now),
      runStartedAt: null,
      endReason: reason,
    };
    await db.sessions.put(ended);
    ctx.rate.forget(session.id);
    await deps.scripts.unregister();
    // Access was asked for this session only; an interrupted one will ask again to resume.
    const others = await db.sessions
      .where('status')
      .anyOf('recording', 'paused', 'interrupted')
      .filter((s) => s.id !== session.id)
      .toArray();
    await deps.releaseAccess(
      session.origins,
      others.flatMap((s) => s.origins),
    );
    await reflect(ctx, null);
    return ended;
  }

  /**
   * Chrome closes the popup while its permission prompt is open, so the popup
   * sends the command together with the request and this parks it until
   * permissions.onAdded says access was granted.
   */
  async function park(command: PendingCommand, origins: string[]): Promise<SessionCommandResult> {
    await deps.pending.set(command);
    return { type: 'pending', message: `Waiting for access to ${origins.join(', ')}.` };
  }

  async function start(req: StartSessionRequest): Promise<SessionCommandResult> {
    const study = req.studyId ? ((await db.studies.get(req.studyId)) ?? null) : null;
    if (req.studyId && !study) return fail('That study no longer exists. Choose another one.');
    // Drafts are hidden from participants; a forged or stale request meets the same rule.
    if (study?.status === 'draft')
      return fail('That study is still a draft. Ask the facilitator for the final kit.');
    // A study records exactly its own origins.
    const requested = study ? study.origins : req.origins;
    const origins = [...new Set(requested.map(originOf).filter((o): o is string => o !== null))];
    if (origins.length === 0) return fail('Add at least one http(s) origin to record.');
    const existing = await currentSession(db);
    if (existing) {
      return fail(
        `"${existing.title}" is still ${existing.status}. Stop it before starting another session.`,
      );
    }
    if (!(await deps.hasAccess(origins))) {
      return park({ type: 'start', request: { ...req, origins }, at: deps.now() }, origins);
    }
    await deps.pending.set(null);
    const now = deps.now();
    const session: SessionRecord = {
      id: deps.newId(),
      title:
        req.title.trim().slice(0, 200) ||
        study?.title ||
        `Session ${new Date(now).toISOString().slice(0, 16).replace('T', ' ')}`,
      participant: req.participant.trim().slice(0, 100),
      origins,
      tabIds: [req.tabId],
      status: 'recording',
      startedAt: now,
      endedAt: null,
      activeMs: 0,
      runStartedAt: now,
      endReason: null,
      stats: { bytes: 0, events: 0, pages: 0 },
      study,
      tasks: (study?.tasks ?? []).map((task, i) => ({
        taskId: task.id,
        startedAt: i === 0 ? now : null,
        endedAt: null,
        outcome: null,
      })),
      goalReached: null,
      keepFullUrls: await deps.keepFullUrls(study?.privacy ?? null),
    };
    await db.sessions.add(session);
    await deps.scripts.register(origins);
    await reflect(ctx, session);
    await loadIn([req.tabId]);
    return ok(session);
  }

  async function pause(sessionId: string): Promise<SessionCommandResult> {
    const session = await db.sessions.get(sessionId);
    if (!session || session.status !== 'recording') return fail('This session is not recording.');
    const now = deps.now();
    const paused: SessionRecord = {
      ...session,
      status: 'paused',
      activeMs: accumulate(session, now),
      runStartedAt: null,
    };
    await db.sessions.put(paused);
    await reflect(ctx, paused);
    await broadcast(paused, { type: 'pause' });
    return ok(paused);
  }

  /**
   * Resume a paused session, or an interrupted one (browser restarted: old tab
   * ids are gone, so recording continues in the tab the user resumes from).
   */
  async function resume(sessionId: string, tabId: number | null): Promise<SessionCommandResult> {
    const session = await db.sessions.get(sessionId);
    if (!session || (session.status !== 'paused' && session.status !== 'interrupted')) {
      return fail('This session is not paused.');
    }
    const interrupted = session.status === 'interrupted';
    if (interrupted && tabId === null)
      return fail('Open a page of the study to resume recording in it.');
    if (interrupted && tabId !== null && !(await deps.hasAccess(session.origins))) {
      return park({ type: 'resume', sessionId, tabId, at: deps.now() }, session.origins);
    }
    await deps.pending.set(null);
    const tabIds = interrupted && tabId !== null ? [tabId] : session.tabIds;
    const resumed: SessionRecord = {
      ...session,
      status: 'recording',
      runStartedAt: deps.now(),
      tabIds,
    };
    await db.sessions.put(resumed);
    await reflect(ctx, resumed);
    if (interrupted) {
      await deps.scripts.register(resumed.origins);
      await loadIn(tabIds);
    } else {
      await broadcast(resumed, { type: 'resume' });
    }
    return ok(resumed);
  }

  async function stop(sessionId: string): Promise<SessionCommandResult> {
    const session = await db.sessions.get(sessionId);
    if (!session || session.status === 'ended') return fail('This session has already ended.');
    // Tabs flush their last batch while the session still accepts it.
    if (session.status !== 'interrupted') await broadcast(session, { type: 'stop' });
    const latest = (await db.sessions.get(sessionId)) ?? session;
    if (latest.status === 'ended') return ok(latest);
    return ok(await end(latest, { type: 'user' }));
  }

  /**
   * Delete a session with everything it recorded. A live one is stopped
   * first, so its tabs stop recording and the badge clears: nothing keeps
   * writing into a session that is gone.
   */
  async function remove(
    sessionId: string,
  ): Promise<{ type: 'ok' } | { type: 'error'; message: string }> {
    const session = await db.sessions.get(sessionId);
    if (!session) return { type: 'ok' };
    if (session.status !== 'ended') {
      const stopped = await stop(sessionId);
      if (stopped.type === 'error') return stopped;
    }
    await deleteSession(db, sessionId);
    return { type: 'ok' };
  }

  /**
   * The participant finished or gave up the current task: its time is kept
   * and the next task starts. The goal is reached when every task is done.
   */
  async function recordTask(raw: unknown): Promise<SessionCommandResult> {
    const req = parseTaskOutcomeRequest(raw);
    if (!req) return fail('That is not a task outcome.');
    const session = await db.sessions.get(req.sessionId);
    if (!session || session.status === 'ended') return fail('This session has ended.');
    const index = session.tasks.findIndex((t) => t.taskId === req.taskId);
    const task = session.tasks[index];
    if (!task || task.outcome !== null) return fail('That task is not the current one.');
    const now = deps.now();
    const tasks = session.tasks.map((t, i) => {
      if (i === index)
        return { ...t, startedAt: t.startedAt ?? now, endedAt: now, outcome: req.outcome };
      if (i === index + 1 && t.startedAt === null) return { ...t, startedAt: now };
      return t;
    });
    const finished = tasks.every((t) => t.outcome !== null);
    const goalReached = finished ? tasks.every((t) => t.outcome === 'done') : session.goalReached;
    const updated: SessionRecord = { ...session, tasks, goalReached };
    await db.sessions.put(updated);
    return ok(updated);
  }

  /**
   * Takes back the outcome just given to a task, as if it had not been
   * given: only the latest one, within a few seconds, and only while the
   * task after it has not ended. The next task's start and the goal go back
   * too, and an ease answer given meanwhile goes with the outcome.
   */
  async function undoTask(raw: unknown): Promise<SessionCommandResult> {
    const req = parseTaskUndoRequest(raw);
    if (!req) return fail('That is not a task to undo.');
    const session = await db.sessions.get(req.sessionId);
    if (!session || session.status === 'ended') return fail('This session has ended.');
    const index = session.tasks.findIndex((t) => t.taskId === req.taskId);
    const task = session.tasks[index];
    const later = session.tasks.slice(index + 1).some((t) => t.outcome !== null);
    if (!task || task.outcome === null || task.endedAt === null || later) {
      return fail('That task can no longer be undone.');
    }
    if (deps.now() - task.endedAt > TASK_UNDO_GRACE_MS) {
      return fail('Too late to undo: the outcome is kept.');
    }
    const endedAt = task.endedAt;
    const tasks = session.tasks.map((t, i) => {
      if (i === index) {
        const { ease: _ease, ...rest } = t;
        return { ...rest, endedAt: null, outcome: null };
      }
      // Started by that outcome: not started yet after all.
      if (i === index + 1 && t.startedAt === endedAt) return { ...t, startedAt: null };
      return t;
    });
    const updated: SessionRecord = { ...session, tasks, goalReached: null };
    await db.sessions.put(updated);
    return ok(updated);
  }

  /**
   * The participant's Single Ease Question answer for a task that has ended,
   * sent after its outcome (which is stored at once, whatever happens to the
   * question). Answering again replaces the answer; a skip never erases one.
   */
  async function recordEase(raw: unknown): Promise<SessionCommandResult> {
    const req = parseTaskEaseRequest(raw);
    if (!req) return fail('An answer is a whole number from 1 to 7, or a skip.');
    const session = await db.sessions.get(req.sessionId);
    if (!session || session.status === 'ended') return fail('This session has ended.');
    const task = session.tasks.find((t) => t.taskId === req.taskId);
    if (!task || task.outcome === null) return fail('That task has not ended yet.');
    if (req.ease === null && typeof task.ease === 'number') return ok(session);
    const updated: SessionRecord = {
      ...session,
      tasks: session.tasks.map((t) => (t === task ? { ...t, ease: req.ease } : t)),
    };
    await db.sessions.put(updated);
    return ok(updated);
  }

  /** A freshly loaded page asks whether to record. Only the session's tabs and origins are. */
  async function hello(sender: MessageSenderInfo): Promise<HelloResponse> {
    const session = await liveSession(db);
    const origin = originOf(sender.url);
    if (!session || sender.tabId === undefined || !origin || !session.origins.includes(origin)) {
      return { type: 'idle' };
    }
    if (!session.tabIds.includes(sender.tabId)) {
      const opener = await deps.getOpenerTabId(sender.tabId);
      if (opener === undefined || !session.tabIds.includes(opener)) return { type: 'idle' };
      await addTab(session.id, sender.tabId);
    }
    const privacy = await deps.getPrivacy(session.study?.privacy ?? null);
    const answer = { sessionId: session.id, tabId: sender.tabId, privacy };
    return session.status === 'recording'
      ? { type: 'record', ...answer }
      : { type: 'paused', ...answer };
  }

  async function addTab(sessionId: string, tabId: number): Promise<void> {
    await db.sessions
      .where('id')
      .equals(sessionId)
      .modify((s) => {
        if (!s.tabIds.includes(tabId)) s.tabIds.push(tabId);
      });
  }

  /** A tab opened from a recorded tab joins the session (its pages are recorded if on the session's origins). */
  async function onTabCreated(tabId: number, openerTabId: number | undefined): Promise<void> {
    if (openerTabId === undefined) return;
    const session = await liveSession(db);
    if (session?.tabIds.includes(openerTabId)) await addTab(session.id, tabId);
  }

  async function endForFullStorage(sessionId: string): Promise<void> {
    const session = await db.sessions.get(sessionId);
    if (!session || session.status === 'ended') return;
    const message =
      'Recording stopped: the browser has no storage space left. Everything recorded until now is saved and can be exported.';
    await broadcast(session, { type: 'stop' });
    // Even this small write may fail on a full disk; the scripts are stopped regardless.
    try {
      await end(session, { type: 'storage-full', message });
    } catch {
      await deps.scripts.unregister();
      await reflect(ctx, null).catch(() => undefined);
    }
  }

  /**
   * The session's pages sent more than any real page does: stop it first, so
   * the tabs' last batches are refused, then tell the tabs.
   */
  async function endOverBudget(sessionId: string, which: 'rate' | 'total'): Promise<void> {
    const session = await db.sessions.get(sessionId);
    if (!session || session.status === 'ended') return;
    const ended = await end(session, {
      type: 'over-budget',
      message: overBudgetMessage(ctx.budget, which),
    });
    await broadcast(ended, { type: 'stop' });
  }

  /** Access was granted: carry out the parked command if it is recent and now allowed. */
  async function onAccessGranted(): Promise<SessionCommandResult | null> {
    const command = await deps.pending.get();
    if (!command) return null;
    if (deps.now() - command.at > PENDING_TTL_MS) {
      await deps.pending.set(null);
      return null;
    }
    const origins =
      command.type === 'start'
        ? command.request.origins
        : ((await db.sessions.get(command.sessionId))?.origins ?? []);
    if (!(await deps.hasAccess(origins))) return null;
    await deps.pending.set(null);
    return command.type === 'start'
      ? start(command.request)
      : resume(command.sessionId, command.tabId);
  }

  return {
    start,
    pause,
    resume,
    stop,
    remove,
    recordTask,
    recordEase,
    undoTask,
    onAccessGranted,
    hello,
    onTabCreated,
    endForFullStorage,
    endOverBudget,
  };
}
