import { z } from 'zod';
import type {
  AttachedFile,
  ExportEnqueueResult,
  ExportJobRecord,
  ExportReceiptRecord,
  ExportStatus,
  Finding,
  IssueDraft,
  RemoteIssue,
  TrackerClient,
  TrackerResult,
  TrackerTarget,
} from '../contracts';
import { loadSegmentEvents, type StudyGroupDb } from '../storage';
import { redact, targetSecrets, trackerHosts, type TrackerError } from '../trackers';
import { hostOf } from './connection';
import {
  buildCommentDraft,
  buildIssueDraft,
  firstAnnotation,
  type EvidenceSource,
  type FirstMoment,
} from './drafts';
import { exportKey } from './job-key';
import { loadSessionFindings, loadStudyFindings, type StudyFindings } from './study-findings';

export interface ExportServiceDeps {
  db: StudyGroupDb;
  /** The configured target (secrets included), or null once removed. */
  loadTarget: (id: string) => Promise<TrackerTarget | null>;
  client: (target: TrackerTarget) => TrackerClient;
  hasHostAccess: (origins: string[]) => Promise<boolean>;
  evidence: EvidenceSource;
  /** The browser the sessions were recorded in ("Chrome 156"), when known. */
  browser: string | null;
  now: () => number;
  /** [0, 1): spreads retries of many items apart. */
  random: () => number;
  newId: () => string;
  /** navigator.onLine */
  isOnline: () => boolean;
  /** Wake the worker then (browser.alarms); null when nothing waits. */
  wakeAt: (at: number | null) => Promise<void>;
  /** Every line is redacted before it gets here. */
  log: (line: string) => void;
  withPort?: boolean;
}

export type CommandResult = { type: 'ok' } | { type: 'error'; message: string };

const id = z.string().min(1).max(200);
const enqueueSchema = z.object({
  targetId: id,
  scope: z.discriminatedUnion('type', [
    z.object({
      type: z.literal('findings'),
      studyKey: z.string().min(1).max(300),
      findingIds: z.array(id).min(1).max(500),
    }),
    z.object({ type: z.literal('session'), sessionId: id }),
  ]),
  existing: z.enum(['comment', 'skip']),
});
const cancelSchema = z.object({ batchId: id });
const retrySchema = z.object({ jobId: id });

/** Backoff for retryable failures: 5 s doubling per attempt, at most 10 minutes, ±20 % jitter. */
export const BACKOFF = { baseMs: 5_000, maxMs: 10 * 60_000, jitter: 0.2 } as const;

export function backoffMs(attempts: number, random: number, retryAfterSeconds?: number): number {
  const exponential = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** attempts);
  const jittered = Math.round(exponential * (1 - BACKOFF.jitter + 2 * BACKOFF.jitter * random));
  const asked = (retryAfterSeconds ?? 0) * 1000;
  return Math.max(jittered, asked);
}

const ACTIVE: ExportStatus['type'][] = ['queued', 'running', 'waiting'];
const isActive = (job: ExportJobRecord) => ACTIVE.includes(job.status.type);

/** How soon a worker that died while working the queue is woken to go on. */
export const WATCHDOG_MS = 60_000;

/** Why an item waits while the browser is offline: coming back online makes it due at once. */
export const OFFLINE_REASON = 'Offline: it goes out when the connection is back.';

export const receiptId = (targetId: string, findingId: string) => `${targetId}#${findingId}`;

/** Outcome of working one job: go on with the target's next, or hold it (it is unreachable). */
type Outcome = 'next' | 'hold';

/**
 * The export queue: jobs in IndexedDB (table exportJobs) worked one at a time
 * per target, each step recorded before the next, so a worker that dies
 * anywhere resumes where it stopped and no issue is filed twice.
 */
export function createExportService(deps: ExportServiceDeps) {
  const { db } = deps;
  const runners = new Map<string, Promise<void>>();
  const again = new Set<string>();

  // ---------- enqueue ----------

  /** A page's events, read once per enqueue however many of its findings are exported. */
  type PageCache = Map<string, Promise<FirstMoment['events']>>;

  async function firstMoment(
    finding: Finding,
    study: StudyFindings,
    pages: PageCache,
  ): Promise<FirstMoment | null> {
    const first = firstAnnotation(finding, study);
    if (!first) return null;
    const segments = await db.segments.where('sessionId').equals(first.session.id).toArray();
    const segmentId = first.annotation.segmentId;
    let events: FirstMoment['events'] = [];
    if (segmentId) {
      if (!pages.has(segmentId)) {
        // Only the viewport is read from them: a page that cannot be read has none.
        pages.set(
          segmentId,
          loadSegmentEvents(db, segmentId).catch(() => []),
        );
      }
      events = (await pages.get(segmentId)) ?? [];
    }
    return { ...first, segments, events };
  }

  async function resolveScope(
    scope: z.infer<typeof enqueueSchema>['scope'],
  ): Promise<{ study: StudyFindings; findings: Finding[] } | string> {
    if (scope.type === 'session') {
      const found = await loadSessionFindings(db, scope.sessionId);
      if (!found) return 'That session is no longer in this browser.';
      if (found.findings.length === 0) return 'This session has no findings to send.';
      return found;
    }
    const study = await loadStudyFindings(db, scope.studyKey);
    const wanted = new Set(scope.findingIds);
    const findings = study.findings.filter((f) => wanted.has(f.id));
    if (findings.length === 0) {
      return 'None of these findings exist any more: the board may have changed since.';
    }
    return { study, findings };
  }

  async function enqueue(raw: unknown): Promise<ExportEnqueueResult> {
    const parsed = enqueueSchema.safeParse(raw);
    if (!parsed.success) return { type: 'error', message: 'The export request is not valid.' };
    const request = parsed.data;
    const target = await deps.loadTarget(request.targetId);
    if (!target) {
      return {
        type: 'error',
        message: 'That tracker is not configured any more: add it again under Trackers.',
      };
    }
    const resolved = await resolveScope(request.scope);
    if (typeof resolved === 'string') return { type: 'error', message: resolved };
    const { study, findings } = resolved;
    const batchId = deps.newId();
    let queued = 0;
    let skipped = 0;
    const pages: PageCache = new Map();
    for (const finding of findings) {
      const job = await planJob(target, study, finding, request.existing, batchId, pages);
      if (job) {
        await db.exportJobs.put(job);
        queued += 1;
      } else skipped += 1;
    }
    if (queued > 0) kick(target.id);
    return { type: 'ok', batchId, queued, skipped };
  }

  /** The job that takes this finding to the target, or null when it is left as it is. */
  async function planJob(
    target: TrackerTarget,
    study: StudyFindings,
    finding: Finding,
    existing: 'comment' | 'skip',
    batchId: string,
    pages: PageCache,
  ): Promise<ExportJobRecord | null> {
    const earlier = await db.exportJobs
      .where('[targetId+findingId]')
      .equals([target.id, finding.id])
      .toArray();
    // Already on its way: the item in flight carries it.
    if (earlier.some(isActive)) return null;
    const receipt = await db.exportReceipts.get(receiptId(target.id, finding.id));
    if (receipt && existing === 'skip') return null;
    const attachments = await deps.evidence(finding, { study });
    let draft: IssueDraft | null;
    if (receipt) {
      draft = buildCommentDraft({ finding, study, receipt, attachments });
    } else {
      draft = buildIssueDraft({
        finding,
        study,
        moment: await firstMoment(finding, study, pages),
        browser: deps.browser,
        defaultLabels: target.labels,
        attachments,
      });
    }
    if (!draft) return null;
    const mode = receipt ? 'comment' : 'create';
    const now = deps.now();
    // A failed or cancelled item goes on from where it stopped (its issue, its files).
    const resumed = earlier
      .filter(
        (j) => j.mode === mode && (j.status.type === 'failed' || j.status.type === 'cancelled'),
      )
      .sort((a, b) => b.updatedAt - a.updatedAt)[0];
    return {
      id: resumed?.id ?? deps.newId(),
      batchId,
      targetId: target.id,
      findingId: finding.id,
      studyKey: study.studyKey,
      mode,
      key: await exportKey(finding.id, target),
      draft,
      issue: receipt ? receipt.issue : (resumed?.issue ?? null),
      attached: resumed?.attached ?? [],
      annotationIds: [...finding.annotationIds],
      status: { type: 'queued' },
      attempts: 0,
      createdAt: resumed?.createdAt ?? now,
      updatedAt: now,
    };
  }

  // ---------- cancel, retry ----------

  async function cancel(raw: unknown): Promise<CommandResult> {
    const parsed = cancelSchema.safeParse(raw);
    if (!parsed.success) return { type: 'error', message: 'The request is not valid.' };
    const jobs = await db.exportJobs.where('batchId').equals(parsed.data.batchId).toArray();
    if (jobs.length === 0) return { type: 'error', message: 'There is no such export.' };
    await db.transaction('rw', db.exportJobs, async () => {
      await db.exportJobs
        .where('batchId')
        .equals(parsed.data.batchId)
        .modify((job) => {
          if (job.status.type === 'done' || job.status.type === 'cancelled') return;
          job.status = { type: 'cancelled' };
          job.updatedAt = deps.now();
        });
    });
    await scheduleWake();
    return { type: 'ok' };
  }

  async function retry(raw: unknown): Promise<CommandResult> {
    const parsed = retrySchema.safeParse(raw);
    if (!parsed.success) return { type: 'error', message: 'The request is not valid.' };
    const job = await db.exportJobs.get(parsed.data.jobId);
    if (!job) return { type: 'error', message: 'There is no such export item.' };
    if (job.status.type !== 'failed' && job.status.type !== 'cancelled') {
      return { type: 'error', message: 'Only a failed or cancelled item can be retried.' };
    }
    await db.exportJobs.update(job.id, {
      status: { type: 'queued' },
      attempts: 0,
      updatedAt: deps.now(),
    });
    kick(job.targetId);
    return { type: 'ok' };
  }

  // ---------- the worker ----------

  /** Work the target's queue unless a runner is at it already (then it looks again when done). */
  function kick(targetId: string): void {
    if (runners.has(targetId)) {
      again.add(targetId);
      return;
    }
    // Should the worker die mid-item, this wakes it to go on (it is moved on once the queue rests).
    const watchdog = deps.now() + WATCHDOG_MS;
    void wake(async () => watchdog);
    const run = (async () => {
      do {
        again.delete(targetId);
        await drain(targetId);
      } while (again.has(targetId));
    })()
      // Only the error's name: its message could quote a request, and so a secret.
      .catch((error: unknown) =>
        deps.log(
          `Study Group export: the queue stopped unexpectedly (${error instanceof Error ? error.name : 'error'}).`,
        ),
      )
      .finally(() => {
        runners.delete(targetId);
        if (runners.size === 0) void scheduleWake();
      });
    runners.set(targetId, run);
  }

  /** Every target with an item due: after a worker start, an alarm, or coming back online. */
  async function resume(): Promise<void> {
    const jobs = await db.exportJobs.where('status.type').anyOf(ACTIVE).toArray();
    const now = deps.now();
    const due = jobs.filter((j) => j.status.type !== 'waiting' || j.status.retryAt <= now);
    for (const targetId of new Set(due.map((j) => j.targetId))) kick(targetId);
    await idle();
  }

  /** The browser is back online: what waited for that goes now (a tracker's Retry-After still holds). */
  async function online(): Promise<void> {
    const now = deps.now();
    await db.exportJobs
      .where('status.type')
      .equals('waiting')
      .modify((job) => {
        if (job.status.type === 'waiting' && job.status.reason === OFFLINE_REASON) {
          job.status = { ...job.status, retryAt: Math.min(job.status.retryAt, now) };
        }
      });
    await resume();
  }

  /** Resolves once no runner is working (tests; the alarm handler keeps the worker up meanwhile). */
  async function idle(): Promise<void> {
    while (runners.size > 0) await Promise.all([...runners.values()]);
    await wakes;
  }

  /** Wake-ups are set one after another, so a later one never loses to an earlier one. */
  let wakes: Promise<void> = Promise.resolve();
  function wake(at: () => Promise<number | null>): Promise<void> {
    wakes = wakes.then(async () => deps.wakeAt(await at())).catch(() => undefined);
    return wakes;
  }

  function scheduleWake(): Promise<void> {
    return wake(async () => {
      const waiting = await db.exportJobs.where('status.type').equals('waiting').toArray();
      const times = waiting.flatMap((j) => (j.status.type === 'waiting' ? [j.status.retryAt] : []));
      return times.length > 0 ? Math.min(...times) : null;
    });
  }

  async function nextDue(targetId: string): Promise<ExportJobRecord | null> {
    const now = deps.now();
    const jobs = await db.exportJobs
      .where('[targetId+createdAt]')
      .between([targetId, -Infinity], [targetId, Infinity])
      .toArray();
    return (
      jobs.find(
        (j) =>
          j.status.type === 'queued' ||
          j.status.type === 'running' ||
          (j.status.type === 'waiting' && j.status.retryAt <= now),
      ) ?? null
    );
  }

  async function drain(targetId: string): Promise<void> {
    for (;;) {
      const job = await nextDue(targetId);
      if (!job) return;
      if ((await work(job)) === 'hold') return;
    }
  }

  /**
   * Writes a step's outcome unless the user cancelled meanwhile: then the
   * progress (issue, files) is kept and the item stays cancelled. Returns
   * the job as stored, or null when it is cancelled or gone.
   */
  async function record(
    jobId: string,
    patch: Partial<Pick<ExportJobRecord, 'issue' | 'attached' | 'status' | 'attempts'>>,
  ): Promise<ExportJobRecord | null> {
    return db.transaction('rw', db.exportJobs, async () => {
      const current = await db.exportJobs.get(jobId);
      if (!current) return null;
      const cancelled = current.status.type === 'cancelled';
      const next: ExportJobRecord = {
        ...current,
        ...patch,
        status: cancelled ? current.status : (patch.status ?? current.status),
        updatedAt: deps.now(),
      };
      await db.exportJobs.put(next);
      return cancelled ? null : next;
    });
  }

  const step = (jobId: string, name: Extract<ExportStatus, { type: 'running' }>['step']) =>
    record(jobId, { status: { type: 'running', step: name } });

  async function fail(job: ExportJobRecord, message: string): Promise<Outcome> {
    await record(job.id, { status: { type: 'failed', message } });
    deps.log(`Study Group export: item ${job.id} failed: ${message}`);
    return 'next';
  }

  /** A tracker error moves the item to waiting (it will retry by itself) or failed (it needs the user). */
  async function settle(
    job: ExportJobRecord,
    error: TrackerError,
    secrets: string[],
  ): Promise<Outcome> {
    const message = redact(error.message, secrets);
    if (!error.retryable) return fail(job, message);
    const offline = error.status === null && !deps.isOnline();
    const delay = backoffMs(job.attempts, deps.random(), error.retryAfterSeconds);
    const reason = offline ? OFFLINE_REASON : message;
    await record(job.id, {
      status: { type: 'waiting', retryAt: deps.now() + delay, reason },
      attempts: job.attempts + 1,
    });
    deps.log(`Study Group export: item ${job.id} waits ${Math.round(delay / 1000)} s: ${reason}`);
    // The tracker is unreachable or pushing back: the target's other items wait too.
    return 'hold';
  }

  async function work(queued: ExportJobRecord): Promise<Outcome> {
    const target = await deps.loadTarget(queued.targetId);
    if (!target) {
      return fail(queued, 'The tracker this item was for has been removed from the settings.');
    }
    const secrets = targetSecrets(target);
    try {
      return await workFor(queued, target, secrets);
    } catch (error) {
      // A client or database that throws is treated like a failed request: try again later.
      const message = error instanceof Error ? error.message : String(error);
      return settle(
        queued,
        { type: 'error', retryable: true, status: null, message: `Unexpected error: ${message}` },
        secrets,
      );
    }
  }

  async function workFor(
    queued: ExportJobRecord,
    target: TrackerTarget,
    secrets: string[],
  ): Promise<Outcome> {
    if (!deps.isOnline()) {
      return settle(
        queued,
        { type: 'error', retryable: true, status: null, message: 'Offline.' },
        secrets,
      );
    }
    const hosts = trackerHosts(target, deps.withPort);
    if (!(await deps.hasHostAccess(hosts))) {
      return fail(
        queued,
        `Study Group has no access to ${hosts.map(hostOf).join(', ')}: save the tracker “${target.name}” again to grant it.`,
      );
    }
    const client = deps.client(target);
    // What a tracker answers is stored: a secret echoed in it must not be.
    const clean = (issue: RemoteIssue): RemoteIssue => ({
      id: redact(issue.id, secrets),
      url: redact(issue.url, secrets),
    });
    let job: ExportJobRecord | null = queued;

    if (job.mode === 'create' && job.issue === null) {
      // After a lost answer or a wiped browser the issue may exist already: adopt it.
      job = await step(job.id, 'searching');
      if (!job) return 'next';
      const found = await client.findByMarker(job.draft.marker);
      if (found.type === 'error') return settle(job, found, secrets);
      if (found.value) job = await record(job.id, { issue: clean(found.value) });
      if (!job) return 'next';
    }
    if (job.issue === null) {
      job = await step(job.id, 'creating');
      if (!job) return 'next';
      const created = await client.createIssue(job.draft, job.key);
      if (created.type === 'error') return settle(job, created, secrets);
      job = await record(job.id, { issue: clean(created.value) });
      if (!job) return 'next';
    }
    const issue: RemoteIssue = job.issue as RemoteIssue;

    if (client.attachesFiles) {
      for (const file of job.draft.attachments) {
        if (job.attached.some((a) => a.fileName === file.fileName)) continue;
        job = await step(job.id, 'attaching');
        if (!job) return 'next';
        const attached: TrackerResult<AttachedFile> = await client.attach(issue, file);
        if (attached.type === 'error') return settle(job, attached, secrets);
        const sent: AttachedFile = {
          fileName: redact(attached.value.fileName, secrets),
          url: attached.value.url === null ? null : redact(attached.value.url, secrets),
        };
        job = await record(job.id, { attached: [...job.attached, sent] });
        if (!job) return 'next';
      }
    }

    if (job.mode === 'comment') {
      job = await step(job.id, 'commenting');
      if (!job) return 'next';
      const commented = await client.addComment(issue, job.draft.body);
      if (commented.type === 'error') return settle(job, commented, secrets);
    }

    await finish(job.id, target, issue);
    return 'next';
  }

  /**
   * The receipt and the item's end in one transaction: the draft's files are
   * let go only once the receipt says where they went.
   */
  async function finish(jobId: string, target: TrackerTarget, issue: RemoteIssue) {
    await db.transaction('rw', db.exportJobs, db.exportReceipts, async () => {
      const current = await db.exportJobs.get(jobId);
      if (!current || current.status.type === 'cancelled') return;
      const now = deps.now();
      const id = receiptId(current.targetId, current.findingId);
      const earlier = await db.exportReceipts.get(id);
      const names = new Set(current.attached.map((a) => a.fileName));
      const receipt: ExportReceiptRecord = {
        id,
        findingId: current.findingId,
        studyKey: current.studyKey,
        targetId: target.id,
        targetType: target.type,
        targetName: target.name,
        issue,
        attached: [
          ...(earlier?.attached ?? []).filter((a) => !names.has(a.fileName)),
          ...current.attached,
        ],
        annotationIds: [
          ...new Set([...(earlier?.annotationIds ?? []), ...(current.annotationIds ?? [])]),
        ],
        comments: (earlier?.comments ?? 0) + (current.mode === 'comment' ? 1 : 0),
        createdAt: earlier?.createdAt ?? now,
        updatedAt: now,
      };
      await db.exportReceipts.put(receipt);
      await db.exportJobs.put({
        ...current,
        draft: {
          ...current.draft,
          attachments: current.draft.attachments.map((a) => ({ ...a, data: new Uint8Array() })),
        },
        status: { type: 'done' },
        updatedAt: now,
      });
    });
  }

  return { enqueue, cancel, retry, resume, online, idle, kick };
}

export type ExportService = ReturnType<typeof createExportService>;
