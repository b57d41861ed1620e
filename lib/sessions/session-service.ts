import type { EventType } from '@rrweb/types';
import {
  deleteSession,
  DEDUPE_KEY_CHARS,
  extractAssets,
  INGEST_ERROR_CHARS,
  isQuotaError,
  type StudyGroupDb,
} from '../storage';
import type { FrictionDetector, TabState } from '../friction';
import { storedUrl, storedUrlsInText } from '../urls';
import {
  batchFitsSpan,
  liveSpan,
  parseBatchRequest,
  parsePagePayload,
  type TimeSpan,
} from './batch-schema';
import {
  createRateBudget,
  INGEST_BUDGET,
  overBudgetMessage,
  type IngestBudget,
} from './ingest-budget';
import { originOf } from './origins';
import type {
  AssetRecord,
  BatchRequest,
  BatchResponse,
  ControlMessage,
  EndReason,
  HelloResponse,
  LiveRecording,
  PendingCommand,
  RecorderPrivacy,
  RrwebEvent,
  SegmentRecord,
  SessionCommandResult,
  SessionRecord,
  StartSessionRequest,
  StudyKit,
  TaskOutcomeRequest,
  TimelineEntry,
} from '../contracts';

/** Registers and injects the recorder scripts (chrome.scripting in production). */
export interface RecorderScripts {
  register(origins: string[]): Promise<void>;
  unregister(): Promise<void>;
  isRegistered(): Promise<boolean>;
  /** Start recording in an already-loaded tab (by reloading it); rejects when it cannot. */
  load(tabId: number): Promise<void>;
}

export interface SessionServiceDeps {
  db: StudyGroupDb;
  scripts: RecorderScripts;
  /** Sends a control message to a tab's recorder; rejects when nothing listens there. */
  sendControl(tabId: number, message: ControlMessage): Promise<void>;
  getOpenerTabId(tabId: number): Promise<number | undefined>;
  /** Recorder privacy: the user's settings plus the study kit's selectors, if any. */
  getPrivacy(kit: StudyKit['privacy'] | null): Promise<RecorderPrivacy>;
  /** Whether the privacy settings or the kit keep URLs whole (lib/urls); read at session start. */
  keepFullUrls(kit: StudyKit['privacy'] | null): Promise<boolean>;
  /** Whether the extension may script these origins now. */
  hasAccess(origins: string[]): Promise<boolean>;
  /** Give back host access to `origins`, keeping what `keep` (other sessions' origins) needs. */
  releaseAccess(origins: string[], keep: string[]): Promise<void>;
  /** One parked command, kept outside worker memory (storage.session in production). */
  pending: {
    get(): Promise<PendingCommand | null>;
    set(command: PendingCommand | null): Promise<void>;
  };
  compress(value: unknown): Promise<Uint8Array>;
  /** SHA-256 hex of a text (stylesheet dedupe). */
  hash(text: string): Promise<string>;
  /** The friction detectors, with the user's current thresholds. */
  friction(): Promise<FrictionDetector>;
  /** Reflect the recording state outside the popup (toolbar badge). */
  showState(status: SessionRecord['status'] | null): void;
  /** Publish (or with null, withdraw) what pages read to start recording at once. */
  publishLive(live: LiveRecording | null): Promise<void>;
  now(): number;
  newId(): string;
  /** Defaults to INGEST_BUDGET. */
  budget?: IngestBudget;
}

export interface MessageSenderInfo {
  tabId: number | undefined;
  url: string | undefined;
}

export interface RequestFailure {
  tabId: number;
  ts: number;
  method: string;
  url: string;
  initiator: string | undefined;
  status: number;
  error: string;
}

const LIVE_STATUSES: SessionRecord['status'][] = ['recording', 'paused'];
/** A parked command older than this is dropped: the user walked away from the prompt. */
const PENDING_TTL_MS = 5 * 60_000;
/** How long stop waits for open tabs to flush their last batch. */
const FLUSH_TIMEOUT_MS = 3_000;
const META = 4 satisfies EventType.Meta;

/** A page's timeline entry as it is stored: URLs in its texts as lib/urls keeps them. */
function storedEntry(entry: TimelineEntry, keep: boolean): TimelineEntry {
  switch (entry.type) {
    case 'js-error':
      return {
        ...entry,
        message: storedUrlsInText(entry.message, keep),
        source: storedUrlsInText(entry.source, keep),
        stack: storedUrlsInText(entry.stack, keep),
      };
    case 'unhandled-rejection':
      return { ...entry, reason: storedUrlsInText(entry.reason, keep) };
    case 'console-error':
      return { ...entry, message: storedUrlsInText(entry.message, keep) };
    default:
      return entry;
  }
}

export type SessionService = ReturnType<typeof createSessionService>;

export function createSessionService(deps: SessionServiceDeps) {
  const { db } = deps;
  const budget = deps.budget ?? INGEST_BUDGET;
  const rate = createRateBudget(budget);

  /** The session that is recording, paused or interrupted, if any (at most one). */
  async function currentSession(): Promise<SessionRecord | undefined> {
    return db.sessions.where('status').anyOf('recording', 'paused', 'interrupted').first();
  }

  async function liveSession(): Promise<SessionRecord | undefined> {
    return db.sessions.where('status').anyOf(LIVE_STATUSES).first();
  }

  function ok(session: SessionRecord): SessionCommandResult {
    return { type: 'ok', session };
  }

  function fail(message: string): SessionCommandResult {
    return { type: 'error', message };
  }

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

  function accumulate(session: SessionRecord, until: number): number {
    return (
      session.activeMs +
      (session.runStartedAt === null ? 0 : Math.max(0, until - session.runStartedAt))
    );
  }

  /** Badge and published live state follow the session's status. */
  async function reflect(session: SessionRecord | null): Promise<void> {
    deps.showState(session?.status ?? null);
    await deps.publishLive(
      session?.status === 'recording'
        ? {
            sessionId: session.id,
            origins: session.origins,
            privacy: await deps.getPrivacy(session.study?.privacy ?? null),
          }
        : null,
    );
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
    rate.forget(session.id);
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
    await reflect(null);
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
    // A study records exactly its own origins.
    const requested = study ? study.origins : req.origins;
    const origins = [...new Set(requested.map(originOf).filter((o): o is string => o !== null))];
    if (origins.length === 0) return fail('Add at least one http(s) origin to record.');
    const existing = await currentSession();
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
    await reflect(session);
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
    await reflect(paused);
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
    await reflect(resumed);
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
  async function recordTask(req: TaskOutcomeRequest): Promise<SessionCommandResult> {
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

  /** A freshly loaded page asks whether to record. Only the session's tabs and origins are. */
  async function hello(sender: MessageSenderInfo): Promise<HelloResponse> {
    const session = await liveSession();
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
    const session = await liveSession();
    if (session?.tabIds.includes(openerTabId)) await addTab(session.id, tabId);
  }

  async function ingestBatch(raw: unknown, sender: MessageSenderInfo): Promise<BatchResponse> {
    const batch = parseBatchRequest(raw);
    if (!batch || sender.tabId === undefined) return { type: 'stop', reason: 'rejected' };
    const tabId = sender.tabId;
    const session = await db.sessions.get(batch.sessionId);
    if (!session || !LIVE_STATUSES.includes(session.status) || !session.tabIds.includes(tabId)) {
      const reason = session?.endReason?.type;
      return {
        type: 'stop',
        reason: reason === 'storage-full' || reason === 'over-budget' ? reason : 'not-recording',
      };
    }
    const span = liveSpan(session, deps.now());
    if (
      !session.origins.includes(originOf(batch.segment.url) ?? '') ||
      !batchFitsSpan(batch, span)
    ) {
      return { type: 'stop', reason: 'rejected' };
    }
    // A resend after a lost acknowledgement.
    if (await db.chunks.get([batch.segment.id, batch.seq])) return { type: 'ack' };
    try {
      return await storeBatch(batch, session, tabId, span);
    } catch (error) {
      if (isQuotaError(error)) {
        await endForFullStorage(session.id);
        return { type: 'stop', reason: 'storage-full' };
      }
      // Whatever else went wrong, the page must move on: it resends an
      // unacknowledged batch, and would wait on this one forever.
      return recordIngestError(batch, session.id, tabId, error);
    }
  }

  async function storeBatch(
    batch: BatchRequest,
    session: SessionRecord,
    tabId: number,
    span: TimeSpan,
  ): Promise<BatchResponse> {
    const keep = session.keepFullUrls === true;
    // A refused payload still takes its sequence number (as an empty chunk)
    // and leaves an ingest-error entry saying why.
    const page = parsePagePayload(batch.payload, span);
    const events = page.type === 'ok' ? page.payload.events : [];
    for (const event of events) {
      if (event.type === META) event.data.href = storedUrl(event.data.href, keep);
    }
    const timelineEntries: TimelineEntry[] = [
      ...batch.timeline.map((entry) => storedEntry(entry, keep)),
      ...(page.type === 'ok' ? page.payload.locations : []).map((l): TimelineEntry => ({
        type: 'location',
        ts: l.ts,
        url: storedUrl(l.url, keep),
      })),
      ...(page.type === 'refused'
        ? [ingestErrorEntry(batch.seq, `The page sent a batch that was not kept: ${page.reason}`)]
        : []),
    ];
    const { assets } = await extractAssets(events, deps.hash);
    const newAssets: AssetRecord[] = [];
    for (const [hash, text] of assets) {
      if (!(await db.assets.get([session.id, hash]))) {
        newAssets.push({ sessionId: session.id, hash, data: await deps.compress(text) });
      }
    }
    const friction = await deps.friction();
    // Compress before the transaction: awaiting anything but IndexedDB inside it would commit it early.
    const data = await deps.compress(events);
    const bytes =
      data.byteLength +
      newAssets.reduce((n, a) => n + a.data.byteLength, 0) +
      JSON.stringify(timelineEntries).length;
    const over =
      session.stats.bytes + bytes > budget.sessionBytes
        ? 'total'
        : rate.take(session.id, bytes, deps.now())
          ? null
          : 'rate';
    if (over) {
      await endOverBudget(session.id, over);
      return { type: 'stop', reason: 'over-budget' };
    }
    await db.transaction(
      'rw',
      [
        db.sessions,
        db.segments,
        db.chunks,
        db.timeline,
        db.assets,
        db.detectorStates,
        db.annotations,
      ],
      async () => {
        if (await db.chunks.get([batch.segment.id, batch.seq])) return;
        let assetBytes = 0;
        for (const asset of newAssets) {
          if (await db.assets.get([asset.sessionId, asset.hash])) continue;
          await db.assets.add(asset);
          assetBytes += asset.data.byteLength;
        }
        const timestamps = events.map((e) => e.timestamp);
        const firstTs = timestamps.length ? Math.min(...timestamps) : batch.segment.startedAt;
        const lastTs = timestamps.length ? Math.max(...timestamps) : batch.segment.startedAt;
        const existing = await db.segments.get(batch.segment.id);
        if (existing && existing.sessionId !== session.id)
          throw new Error('segment belongs to another session');
        const segment: SegmentRecord = existing ?? {
          id: batch.segment.id,
          sessionId: session.id,
          tabId,
          url: storedUrl(batch.segment.url, keep),
          startedAt: batch.segment.startedAt,
          lastTs: batch.segment.startedAt,
          lastSeq: -1,
          events: 0,
          bytes: 0,
        };
        await db.chunks.add({
          segmentId: segment.id,
          seq: batch.seq,
          sessionId: session.id,
          firstTs,
          lastTs,
          count: events.length,
          data,
        });
        await db.segments.put({
          ...segment,
          lastTs: Math.max(segment.lastTs, lastTs),
          lastSeq: Math.max(segment.lastSeq, batch.seq),
          events: segment.events + events.length,
          bytes: segment.bytes + data.byteLength,
        });
        await db.sessions
          .where('id')
          .equals(session.id)
          .modify((s) => {
            s.stats.bytes += data.byteLength + assetBytes;
            s.stats.events += events.length;
            if (!existing) s.stats.pages += 1;
          });
        if (timelineEntries.length) {
          await db.timeline.bulkAdd(
            timelineEntries.map((entry) => ({
              ...entry,
              sessionId: session.id,
              segmentId: segment.id,
              tabId,
            })),
          );
        }
        await detectFriction(friction, session.id, tabId, segment, events, timelineEntries);
      },
    );
    return { type: 'ack' };
  }

  function ingestErrorEntry(seq: number, message: string): TimelineEntry {
    return {
      type: 'ingest-error',
      ts: deps.now(),
      seq,
      message: message.slice(0, INGEST_ERROR_CHARS),
    };
  }

  /**
   * Keeps the failure as a timeline entry, with an empty chunk in the batch's
   * place so a resend is recognised; the page is told to go on either way.
   */
  async function recordIngestError(
    batch: BatchRequest,
    sessionId: string,
    tabId: number,
    error: unknown,
  ): Promise<BatchResponse> {
    const entry = ingestErrorEntry(
      batch.seq,
      `Batch ${batch.seq} could not be stored: ${String(error)}`,
    );
    try {
      const data = await deps.compress([]);
      await db.transaction('rw', [db.chunks, db.timeline], async () => {
        if (await db.chunks.get([batch.segment.id, batch.seq])) return;
        const at = batch.segment.startedAt;
        await db.chunks.add({
          segmentId: batch.segment.id,
          seq: batch.seq,
          sessionId,
          firstTs: at,
          lastTs: at,
          count: 0,
          data,
        });
        await db.timeline.add({ ...entry, sessionId, segmentId: batch.segment.id, tabId });
      });
    } catch (failure) {
      if (isQuotaError(failure)) {
        await endForFullStorage(sessionId);
        return { type: 'stop', reason: 'storage-full' };
      }
      // Not even that could be written: moving on still beats a page stuck on this batch.
    }
    return { type: 'ack' };
  }

  /**
   * Runs inside the batch's transaction: the tab's detector state moves on
   * with the stored batch (resent batches never reach here), and a finding
   * becomes an auto annotation once per dedupe key. Nothing interrupts the
   * participant.
   */
  async function detectFriction(
    friction: FrictionDetector,
    sessionId: string,
    tabId: number,
    segment: SegmentRecord,
    events: RrwebEvent[],
    timeline: TimelineEntry[],
  ): Promise<void> {
    const stored = await db.detectorStates.get([sessionId, tabId]);
    const { state, findings } = friction.step(
      (stored?.state as TabState | undefined) ?? friction.initial(),
      {
        segment: { id: segment.id, tabId, url: segment.url, startedAt: segment.startedAt },
        events,
        timeline,
      },
    );
    await db.detectorStates.put({ sessionId, tabId, state });
    for (const finding of findings) {
      // Keys hold page-given text (a request URL): kept within what bundles carry.
      const dedupeKey = finding.dedupeKey.slice(0, DEDUPE_KEY_CHARS);
      const seen = await db.annotations
        .where('[sessionId+dedupeKey]')
        .equals([sessionId, dedupeKey])
        .count();
      if (seen) continue;
      await db.annotations.add({
        id: deps.newId(),
        sessionId,
        kind: 'auto',
        ts: finding.ts,
        url: finding.url,
        tabId,
        segmentId: finding.segmentId,
        tagId: null,
        detector: finding.detector,
        severity: finding.severity,
        note: '',
        target: null,
        evidence: finding.evidence,
        dedupeKey,
      });
    }
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
      await reflect(null).catch(() => undefined);
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
      message: overBudgetMessage(budget, which),
    });
    await broadcast(ended, { type: 'stop' });
  }

  async function recordRequestFailure(failure: RequestFailure): Promise<void> {
    const session = await liveSession();
    if (!session || session.status !== 'recording' || !session.tabIds.includes(failure.tabId))
      return;
    const fromOrigin = [originOf(failure.url), originOf(failure.initiator)].some(
      (o) => o !== null && session.origins.includes(o),
    );
    if (!fromOrigin) return;
    const entry: TimelineEntry = {
      type: 'request-failed',
      ts: failure.ts,
      method: failure.method.slice(0, 16),
      url: storedUrl(failure.url, session.keepFullUrls === true),
      status: failure.status,
      error: failure.error.slice(0, 200),
    };
    try {
      await db.timeline.add({
        ...entry,
        sessionId: session.id,
        segmentId: null,
        tabId: failure.tabId,
      });
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      await endForFullStorage(session.id);
    }
  }

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
    const session = await currentSession();
    const live = session && LIVE_STATUSES.includes(session.status);
    const registered = await deps.scripts.isRegistered();
    if (live && !registered) await deps.scripts.register(session.origins);
    if (!live && registered) await deps.scripts.unregister();
    await reflect(session ?? null);
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

  // Lifecycle commands run one at a time, so e.g. a stop cannot interleave
  // with a resume, nor startup recovery with the first command.
  let queue: Promise<unknown> = Promise.resolve();
  function serialized<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
    return (...args: A): Promise<R> => {
      const run = queue.then(() => fn(...args));
      queue = run.catch(() => undefined);
      return run;
    };
  }

  return {
    start: serialized(start),
    pause: serialized(pause),
    resume: serialized(resume),
    stop: serialized(stop),
    remove: serialized(remove),
    recordTask: serialized(recordTask),
    onAccessGranted: serialized(onAccessGranted),
    /**
     * Call once per worker start. `freshBrowserRun` is true on the first start
     * since the browser (or the extension) started: dynamic content-script
     * registrations are gone then, and so are the tabs a live session had.
     */
    onWorkerStart: serialized((freshBrowserRun: boolean) =>
      freshBrowserRun ? interruptLive() : reconcile(),
    ),
    hello,
    ingestBatch,
    onTabCreated,
    recordRequestFailure,
  };
}
