import { createFrictionDetector, DEFAULT_THRESHOLDS } from '@/lib/friction';
import { createSessionService, type IngestBudget, type SessionService } from '@/lib/sessions';
import { createDb, gzipJson, sha256Hex, type StudyGroupDb } from '@/lib/storage';
import type { BatchRequest, ControlMessage, StudyKit } from '@/lib/contracts';

/** The setup of session-service.test.ts, for tests of what ingest stores. */
export const ORIGIN = 'http://127.0.0.1:4173';
/** A real clock reading: the stored-record schema only takes times of this century. */
export const T0 = Date.UTC(2026, 10, 21, 9);
export const TAB = 7;
export const SENDER = { tabId: TAB, url: `${ORIGIN}/` };

export interface HarnessOptions {
  budget?: IngestBudget;
  /** What the privacy settings say about full URLs. */
  keepFullUrls?: boolean;
  compress?: (value: unknown) => Promise<Uint8Array>;
}

export interface Harness {
  db: StudyGroupDb;
  service: SessionService;
  controls: { tabId: number; message: ControlMessage }[];
  unregistered(): number;
  clock: { now: number };
  /** Starts a quick session (or one playing `kit`) in TAB; resolves to its id. */
  start(kit?: StudyKit): Promise<string>;
}

export function createHarness(options: HarnessOptions = {}): Harness {
  const db = createDb(`ingest-${Math.random()}`);
  const controls: Harness['controls'] = [];
  const clock = { now: T0 };
  let unregistered = 0;
  let ids = 0;
  const service = createSessionService({
    db,
    scripts: {
      register: async () => {},
      unregister: async () => {
        unregistered++;
      },
      isRegistered: async () => false,
      load: async () => {},
    },
    sendControl: async (tabId, message) => {
      controls.push({ tabId, message });
    },
    getOpenerTabId: async () => undefined,
    getPrivacy: async () => ({ blockSelector: '.sg-block', maskTextSelector: '.sg-mask' }),
    keepFullUrls: async (kit) => options.keepFullUrls === true || kit?.keepFullUrls === true,
    hasAccess: async () => true,
    pending: { get: async () => null, set: async () => {} },
    compress: options.compress ?? gzipJson,
    hash: sha256Hex,
    friction: async () => createFrictionDetector(DEFAULT_THRESHOLDS),
    showState: () => {},
    publishLive: async () => {},
    releaseAccess: async () => {},
    now: () => clock.now,
    newId: () => `id-${++ids}`,
    budget: options.budget,
  });
  return {
    db,
    service,
    controls,
    unregistered: () => unregistered,
    clock,
    async start(kit) {
      if (kit) await db.studies.add(kit);
      const result = await service.start({
        title: 'T',
        participant: 'P',
        origins: [ORIGIN],
        tabId: TAB,
        studyId: kit?.id ?? null,
      });
      if (result.type !== 'ok') throw new Error(`start failed: ${JSON.stringify(result)}`);
      return result.session.id;
    },
  };
}

export const meta = (timestamp: number, href = `${ORIGIN}/`) => ({
  type: 4,
  timestamp,
  data: { href, width: 1280, height: 800 },
});

export const snapshot = (timestamp: number, childNodes: unknown[] = []) => ({
  type: 2,
  timestamp,
  data: { node: { type: 0, id: 1, childNodes }, initialOffset: { top: 0, left: 0 } },
});

export const click = (timestamp: number) => ({
  type: 3,
  timestamp,
  data: { source: 2, type: 2, id: 42, x: 10, y: 20 },
});

export const payload = (events: unknown[], locations: { ts: number; url: string }[] = []) =>
  JSON.stringify({ events, locations });

export function batch(sessionId: string, overrides: Partial<BatchRequest> = {}): BatchRequest {
  return {
    sessionId,
    segment: { id: 'seg-a', url: `${ORIGIN}/`, startedAt: T0 },
    seq: 0,
    payload: payload([meta(T0), snapshot(T0 + 1)]),
    timeline: [],
    ...overrides,
  };
}
