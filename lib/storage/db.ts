import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type {
  AnnotationRecord,
  AssetRecord,
  ChunkRecord,
  DetectorStateRecord,
  ExportJobRecord,
  ExportReceiptRecord,
  FindingOverrideRecord,
  ScreenshotRecord,
  SegmentRecord,
  SessionRecord,
  StudyKit,
  TimelineRecord,
} from '../contracts';

export const DB_NAME = 'study-group';

export type StudyGroupDb = Dexie & {
  sessions: EntityTable<SessionRecord, 'id'>;
  segments: EntityTable<SegmentRecord, 'id'>;
  chunks: Dexie.Table<ChunkRecord, [string, number]>;
  timeline: EntityTable<TimelineRecord, 'id'>;
  assets: Dexie.Table<AssetRecord, [string, string]>;
  studies: EntityTable<StudyKit, 'id'>;
  annotations: EntityTable<AnnotationRecord, 'id'>;
  screenshots: EntityTable<ScreenshotRecord, 'annotationId'>;
  detectorStates: Dexie.Table<DetectorStateRecord, [string, number]>;
  findingOverrides: EntityTable<FindingOverrideRecord, 'id'>;
  exportJobs: EntityTable<ExportJobRecord, 'id'>;
  exportReceipts: EntityTable<ExportReceiptRecord, 'id'>;
};

/** One version of the schema: the stores it changes and, if needed, how data moves forward. */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * The one schema of the extension's IndexedDB, every version oldest first.
 * A version that has shipped is never edited: change the schema by adding a
 * version with an upgrade, and a fixture database for it in
 * test/fixtures/db/ (test/lib/storage/migrations.test.ts opens each one).
 */
export const SCHEMA: readonly SchemaVersion[] = [
  // v1: the first recorder. Sessions carried no counters; the popup summed
  // chunk sizes on every refresh.
  {
    version: 1,
    stores: {
      sessions: 'id, status, startedAt',
      segments: 'id, sessionId',
      chunks: '[segmentId+seq], sessionId',
      timeline: '++id, sessionId',
    },
  },

  // v2: per-session and per-segment counters kept in the write transaction,
  // so the popup and review list read one row instead of scanning chunks.
  {
    version: 2,
    stores: {
      segments: 'id, sessionId, [sessionId+startedAt]',
      timeline: '++id, sessionId, [sessionId+ts]',
    },
    async upgrade(tx) {
      const segments = tx.table('segments');
      const chunks = tx.table('chunks');
      const totals = new Map<string, { bytes: number; events: number; pages: number }>();
      const perSegment = new Map<
        string,
        { events: number; bytes: number; lastSeq: number; lastTs: number }
      >();
      await chunks.each((chunk: ChunkRecord) => {
        const s = perSegment.get(chunk.segmentId) ?? {
          events: 0,
          bytes: 0,
          lastSeq: -1,
          lastTs: 0,
        };
        s.events += chunk.count;
        s.bytes += chunk.data.byteLength;
        s.lastSeq = Math.max(s.lastSeq, chunk.seq);
        s.lastTs = Math.max(s.lastTs, chunk.lastTs);
        perSegment.set(chunk.segmentId, s);
      });
      await segments.toCollection().modify((segment: SegmentRecord) => {
        Object.assign(
          segment,
          perSegment.get(segment.id) ?? {
            events: 0,
            bytes: 0,
            lastSeq: -1,
            lastTs: segment.startedAt,
          },
        );
        const total = totals.get(segment.sessionId) ?? { bytes: 0, events: 0, pages: 0 };
        total.bytes += segment.bytes;
        total.events += segment.events;
        total.pages += 1;
        totals.set(segment.sessionId, total);
      });
      await tx
        .table('sessions')
        .toCollection()
        .modify((session: SessionRecord) => {
          session.stats = totals.get(session.id) ?? { bytes: 0, events: 0, pages: 0 };
        });
    },
  },

  // v3: inlined stylesheets stored once per session instead of in every
  // page's snapshot. Existing chunks keep their inline CSS and stay readable.
  {
    version: 3,
    stores: {
      assets: '[sessionId+hash], sessionId',
    },
  },

  // v4: study kits, annotations (manual and auto) with their screenshots;
  // sessions carry the kit they play and their task progress.
  {
    version: 4,
    stores: {
      studies: 'id, updatedAt',
      annotations: 'id, sessionId, [sessionId+ts], [sessionId+dedupeKey]',
      screenshots: 'annotationId, sessionId',
    },
    async upgrade(tx) {
      await tx
        .table('sessions')
        .toCollection()
        .modify((session: SessionRecord) => {
          session.study ??= null;
          session.tasks ??= [];
          session.goalReached ??= null;
        });
    },
  },

  // v5: friction detectors run while recording; each tab's detector state is
  // kept here, written with the batch it results from.
  {
    version: 5,
    stores: {
      detectorStates: '[sessionId+tabId], sessionId',
    },
  },

  // v6: a facilitator's decisions on a study's findings board (rename, status,
  // merge, split), replayed over every clustering. Study data, not a
  // session's: deleting a session leaves them.
  {
    version: 6,
    stores: {
      findingOverrides: 'id, studyKey',
    },
  },

  // v7: findings on their way to bug trackers (a queue that outlives the
  // worker, each job carrying its draft and files) and what was filed where.
  // Study data like the overrides: deleting a session leaves them.
  {
    version: 7,
    stores: {
      exportJobs: 'id, batchId, findingId, status.type, [targetId+findingId], [targetId+createdAt]',
      exportReceipts: 'id, findingId, studyKey, targetId',
    },
  },
];

/** Declare the given versions on a Dexie instance (all of SCHEMA for the real database). */
export function applySchema(db: Dexie, versions: readonly SchemaVersion[]): void {
  for (const { version, stores, upgrade } of versions) {
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
}

export function createDb(name = DB_NAME, indexedDB?: IDBFactory): StudyGroupDb {
  const db = new Dexie(name, indexedDB ? { indexedDB } : undefined) as StudyGroupDb;
  applySchema(db, SCHEMA);
  return db;
}

/**
 * The tables that hold a session's recorded data, each indexed by `sessionId`.
 * Not findingOverrides nor the export tables: they belong to a study and
 * outlive any one session.
 */
export function sessionDataTables(db: StudyGroupDb) {
  return [
    db.segments,
    db.chunks,
    db.timeline,
    db.assets,
    db.annotations,
    db.screenshots,
    db.detectorStates,
  ] as const;
}
