import type { StudyGroupDb } from '../storage';
import type { FrictionDetector } from '../friction';
import {
  createRateBudget,
  INGEST_BUDGET,
  type IngestBudget,
  type RateBudget,
} from './ingest-budget';
import type {
  ControlMessage,
  LiveRecording,
  PendingCommand,
  RecorderPrivacy,
  SessionRecord,
  StudyKit,
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

export const LIVE_STATUSES: SessionRecord['status'][] = ['recording', 'paused'];

/** What lifecycle, ingest and recovery share: the deps and the per-session rate budget. */
export interface SessionContext {
  deps: SessionServiceDeps;
  db: StudyGroupDb;
  budget: IngestBudget;
  rate: RateBudget;
}

export function createSessionContext(deps: SessionServiceDeps): SessionContext {
  const budget = deps.budget ?? INGEST_BUDGET;
  return { deps, db: deps.db, budget, rate: createRateBudget(budget) };
}

/** The session that is recording, paused or interrupted, if any (at most one). */
export function currentSession(db: StudyGroupDb): Promise<SessionRecord | undefined> {
  return db.sessions.where('status').anyOf('recording', 'paused', 'interrupted').first();
}

export function liveSession(db: StudyGroupDb): Promise<SessionRecord | undefined> {
  return db.sessions.where('status').anyOf(LIVE_STATUSES).first();
}

/** Recording time until `until`, counting the current run if one is going. */
export function accumulate(session: SessionRecord, until: number): number {
  return (
    session.activeMs +
    (session.runStartedAt === null ? 0 : Math.max(0, until - session.runStartedAt))
  );
}

/** Badge and published live state follow the session's status. */
export async function reflect(
  { deps }: SessionContext,
  session: SessionRecord | null,
): Promise<void> {
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
