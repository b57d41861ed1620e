import type {
  ExportJobRecord,
  IssueAttachment,
  IssueDraft,
  RemoteIssue,
  ScreenshotRecord,
  TrackerClient,
  TrackerResult,
  TrackerTarget,
} from '@/lib/contracts';
import { createDb, type StudyGroupDb } from '@/lib/storage';
import {
  createExportService,
  loadStudyFindings,
  screenshotEvidence,
  type ExportServiceDeps,
} from '@/lib/tracker-export';
import { createTrackerClient, type TrackerError } from '@/lib/trackers';
import { annotation, kit, pinned, identity, session } from '../findings/records';
import { createFakeRedmine } from './fake-redmine';
import { REDMINE_KEY, redmineTarget } from './targets';

export const STUDY = 'kit-1#1';
export const START = Date.parse('2026-12-01T10:00:00Z');

const button = pinned({ identity: identity({ role: 'button', name: 'Pay now' }) });

/** Two participants hit "Pay now" on /checkout; Ana also found /settings broken. */
export async function seedStudy(db: StudyGroupDb): Promise<void> {
  const study = kit();
  await db.sessions.bulkPut([
    session('s1', { participant: 'Ana', study, startedAt: START }),
    session('s2', { participant: 'Ben', study, startedAt: START + 3_600_000 }),
  ]);
  await db.annotations.bulkPut([
    annotation('a1-pay', {
      sessionId: 's1',
      ts: START + 60_000,
      url: 'https://app.example/checkout',
      target: button,
      note: 'Where do I pay?',
      severity: 2,
    }),
    annotation('a2-pay', {
      sessionId: 's2',
      ts: START + 3_660_000,
      url: 'https://app.example/checkout',
      target: button,
      note: 'Pay button hidden',
    }),
    annotation('a3-set', {
      sessionId: 's1',
      ts: START + 120_000,
      url: 'https://app.example/settings',
      tagId: 'broken',
      severity: 3,
      note: 'Save does nothing',
    }),
  ]);
  const shot = (annotationId: string, sessionId: string, byte: number): ScreenshotRecord => ({
    annotationId,
    sessionId,
    source: 'capture',
    mime: 'image/jpeg',
    data: new Uint8Array([0xff, 0xd8, byte]),
  });
  await db.screenshots.bulkPut([shot('a1-pay', 's1', 1), shot('a2-pay', 's2', 2)]);
}

export async function findingIds(db: StudyGroupDb): Promise<{ pay: string; settings: string }> {
  const { findings } = await loadStudyFindings(db, STUDY);
  const pay = findings.find((f) => f.annotationIds.includes('a1-pay'));
  const settings = findings.find((f) => f.annotationIds.includes('a3-set'));
  if (!pay || !settings) throw new Error('the seeded study did not cluster as expected');
  return { pay: pay.id, settings: settings.id };
}

type Method = 'find' | 'create' | 'attach' | 'comment';

/**
 * A tracker the test controls: it keeps issues in memory, answers from a
 * script of forced results per method, and can hang a call forever (a worker
 * that died mid-request).
 */
export function createFakeTracker(options: { attachesFiles?: boolean } = {}) {
  const issues: {
    id: string;
    draft: IssueDraft;
    key: string;
    files: string[];
    comments: string[];
  }[] = [];
  const calls: { method: Method; at: number }[] = [];
  const forced: Record<Method, (TrackerError | 'hang' | 'after-hang')[]> = {
    find: [],
    create: [],
    attach: [],
    comment: [],
  };
  let active = 0;
  let maxActive = 0;
  let now = () => 0;

  async function run<T>(method: Method, work: () => T): Promise<TrackerResult<T>> {
    calls.push({ method, at: now() });
    active += 1;
    maxActive = Math.max(maxActive, active);
    try {
      await Promise.resolve();
      const next = forced[method].shift();
      if (next === 'hang') return await new Promise<never>(() => undefined);
      if (next === 'after-hang') {
        work();
        return await new Promise<never>(() => undefined);
      }
      if (next) return next;
      return { type: 'ok', value: work() };
    } finally {
      active -= 1;
    }
  }
  const byId = (issue: RemoteIssue) => {
    const found = issues.find((i) => i.id === issue.id);
    if (!found) throw new Error(`no issue ${issue.id}`);
    return found;
  };
  const client: TrackerClient = {
    type: 'redmine',
    attachesFiles: options.attachesFiles ?? true,
    testConnection: async () => ({ type: 'ok', value: { checks: [] } }),
    findByMarker: (marker) =>
      run('find', () => {
        const hit = issues.find((i) => i.draft.body.includes(marker));
        return hit ? { id: hit.id, url: `https://tracker.test/${hit.id}` } : null;
      }),
    createIssue: (draft, key) =>
      run('create', () => {
        const id = String(issues.length + 1);
        issues.push({ id, draft, key, files: [], comments: [] });
        return { id, url: `https://tracker.test/${id}` };
      }),
    attach: (issue, file: IssueAttachment) =>
      run('attach', () => {
        byId(issue).files.push(file.fileName);
        return {
          fileName: file.fileName,
          url: `https://tracker.test/${issue.id}/${file.fileName}`,
        };
      }),
    addComment: (issue, body) =>
      run('comment', () => {
        byId(issue).comments.push(body);
        return null;
      }),
  };
  return {
    client,
    issues,
    calls,
    count: (method: Method) => calls.filter((c) => c.method === method).length,
    force(method: Method, ...results: (TrackerError | 'hang' | 'after-hang')[]) {
      forced[method].push(...results);
    },
    maxActive: () => maxActive,
    useClock(clock: () => number) {
      now = clock;
    },
  };
}

export type FakeTracker = ReturnType<typeof createFakeTracker>;

export const error = (
  status: number | null,
  message: string,
  retryAfterSeconds?: number,
): TrackerError => ({
  type: 'error',
  retryable: status === null || status === 429 || status >= 500,
  status,
  message,
  ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
});

/** A database, a clock, targets, logs and a service over them; `restart` is a new worker. */
export async function createWorld(
  options: {
    tracker?: 'fake' | 'redmine';
    redmineKey?: string;
    attachesFiles?: boolean;
    target?: TrackerTarget;
  } = {},
) {
  const db = createDb(`tracker-export-${Math.random()}`);
  await seedStudy(db);
  let clock = START + 86_400_000;
  const now = () => clock;
  const fake = createFakeTracker({ attachesFiles: options.attachesFiles });
  fake.useClock(now);
  const redmine = createFakeRedmine(redmineTarget.baseUrl, options.redmineKey ?? REDMINE_KEY);
  const targets = new Map<string, TrackerTarget>([
    [redmineTarget.id, options.target ?? redmineTarget],
  ]);
  const logs: string[] = [];
  const wakes: (number | null)[] = [];
  let online = true;
  let ids = 0;
  const deps = (): ExportServiceDeps => ({
    db,
    loadTarget: async (id) => targets.get(id) ?? null,
    client: (target) =>
      options.tracker === 'redmine'
        ? createTrackerClient(target, { fetch: redmine.fetch, now })
        : fake.client,
    hasHostAccess: async () => true,
    evidence: screenshotEvidence,
    browser: 'Chrome 156',
    now,
    random: () => 0.5,
    newId: () => `id-${++ids}`,
    isOnline: () => online,
    wakeAt: async (at) => void wakes.push(at),
    log: (line) => void logs.push(line),
    withPort: true,
  });
  const world = {
    db,
    fake,
    redmine,
    targets,
    logs,
    wakes,
    service: createExportService(deps()),
    ids: await findingIds(db),
    advance(ms: number) {
      clock += ms;
    },
    now,
    setOnline(value: boolean) {
      online = value;
    },
    /** Drops the service (a dead worker) and starts another on the same database. */
    restart() {
      world.service = createExportService(deps());
      return world.service;
    },
    async jobs(): Promise<ExportJobRecord[]> {
      return db.exportJobs.toArray();
    },
    async job(): Promise<ExportJobRecord> {
      const [only, ...rest] = await db.exportJobs.toArray();
      if (!only || rest.length > 0) throw new Error('expected exactly one job');
      return only;
    },
    async exportPay(existing: 'comment' | 'skip' = 'comment') {
      return world.service.enqueue({
        targetId: redmineTarget.id,
        scope: { type: 'findings', studyKey: STUDY, findingIds: [world.ids.pay] },
        existing,
      });
    },
  };
  return world;
}
