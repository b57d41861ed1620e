import { checkEnvelope, formatZodIssues, type FileKind } from '../files';
import { KIT_FORMAT } from '../contracts';
import {
  createChunk,
  DecompressedTooLargeError,
  emptySegment,
  extractAssets,
  gunzipLimited,
  isQuotaError,
  sessionDataTables,
  withChunk,
  type StudyGroupDb,
} from '../storage';
import {
  BUNDLE_FORMAT,
  BUNDLE_LIMITS,
  BUNDLE_VERSION,
  bundleSchema,
  type Bundle,
} from './bundle-schema';
import type {
  AnnotationRecord,
  AssetRecord,
  ChunkRecord,
  ScreenshotRecord,
  SegmentRecord,
  SessionRecord,
  TimelineRecord,
} from '../contracts';

export type ImportResult =
  | {
      type: 'ok';
      /** Titles of the sessions written now. */
      imported: string[];
      /** Titles of the sessions that were already stored, left as they were. */
      skipped: string[];
      /** Every session of the bundle, imported or skipped, in bundle order. */
      sessionIds: string[];
      /** Findings overrides written now (those already stored are left). */
      overrides: number;
    }
  | { type: 'error'; message: string };

/** How far one file's import is: `fraction` from 0 to 1. */
export interface ImportProgress {
  stage: 'reading' | 'checking' | 'preparing' | 'writing';
  fraction: number;
}

export interface ImportDeps {
  compress(value: unknown): Promise<Uint8Array>;
  /** SHA-256 hex, for storing repeated stylesheets once (lib/storage/assets.ts). */
  hash(text: string): Promise<string>;
  onProgress?(progress: ImportProgress): void;
}

/** Events per stored chunk for imported segments. */
const IMPORT_CHUNK_EVENTS = 500;

class BundleError extends Error {}

const BUNDLE_FILE: FileKind = {
  format: BUNDLE_FORMAT,
  version: BUNDLE_VERSION,
  noun: 'bundle',
  misplaced: {
    [KIT_FORMAT]:
      'This file is a study kit (the role-play of a study), not a session bundle: import it in Options → Studies, with “Import kit”.',
  },
};

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

async function readJsonText(file: Blob): Promise<string> {
  if (file.size > BUNDLE_LIMITS.fileBytes) {
    throw new BundleError(
      `The file is ${mb(file.size)}; bundles up to ${mb(BUNDLE_LIMITS.fileBytes)} can be imported.`,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length === 0) throw new BundleError('The file is empty.');
  const isGzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (!isGzip) {
    if (bytes.length > BUNDLE_LIMITS.jsonBytes)
      throw new BundleError('The file is too large to import.');
    return new TextDecoder().decode(bytes);
  }
  try {
    return new TextDecoder().decode(await gunzipLimited(bytes, BUNDLE_LIMITS.jsonBytes));
  } catch (error) {
    if (error instanceof DecompressedTooLargeError) {
      throw new BundleError(
        `The bundle unpacks to more than ${mb(BUNDLE_LIMITS.jsonBytes)}, more than can be imported at once.`,
      );
    }
    throw new BundleError(
      'The file is damaged or incomplete: its gzip data could not be decompressed.',
    );
  }
}

/** Cheap size checks first, so an oversized array is refused before it is validated item by item. */
function checkCounts(data: Record<string, unknown>): void {
  const sessions = data.sessions;
  if (!Array.isArray(sessions)) return;
  if (sessions.length > BUNDLE_LIMITS.sessions) {
    throw new BundleError(
      `The bundle holds ${sessions.length} sessions; at most ${BUNDLE_LIMITS.sessions} can be imported at once.`,
    );
  }
  sessions.forEach((session: unknown, i) => {
    const segments = (session as { segments?: unknown }).segments;
    if (!Array.isArray(segments)) return;
    segments.forEach((segment: unknown, j) => {
      const events = (segment as { events?: unknown }).events;
      if (Array.isArray(events) && events.length > BUNDLE_LIMITS.eventsPerSegment) {
        throw new BundleError(
          `sessions[${i}].segments[${j}].events has ${events.length} events; at most ${BUNDLE_LIMITS.eventsPerSegment} per page are allowed.`,
        );
      }
    });
  });
}

export function parseBundleJson(text: string): Bundle {
  const envelope = checkEnvelope(text, BUNDLE_FILE);
  if (envelope.type === 'error') throw new BundleError(envelope.message);
  const record = envelope.data;
  checkCounts(record);
  const parsed = bundleSchema.safeParse(record);
  if (!parsed.success)
    throw new BundleError(`The bundle is malformed: ${formatZodIssues(parsed.error, 'bundle')}`);
  return parsed.data;
}

interface PreparedSession {
  session: SessionRecord;
  segments: SegmentRecord[];
  chunks: ChunkRecord[];
  timeline: TimelineRecord[];
  assets: AssetRecord[];
  annotations: AnnotationRecord[];
  screenshots: ScreenshotRecord[];
}

async function prepare(
  bundleSession: Bundle['sessions'][number],
  deps: ImportDeps,
): Promise<PreparedSession> {
  const {
    segments: bundleSegments,
    timeline,
    annotations: bundleAnnotations,
    ...meta
  } = bundleSession;
  const assetTexts = new Map<string, string>();
  const segments: SegmentRecord[] = [];
  const chunks: ChunkRecord[] = [];
  let lastTs = meta.startedAt;
  for (const s of bundleSegments) {
    let segment = emptySegment({
      id: s.id,
      sessionId: meta.id,
      tabId: s.tabId,
      url: s.url,
      startedAt: s.startedAt,
    });
    for (let i = 0, seq = 0; i < s.events.length; i += IMPORT_CHUNK_EVENTS, seq++) {
      const events = s.events.slice(i, i + IMPORT_CHUNK_EVENTS);
      const extracted = await extractAssets(events, deps.hash);
      for (const [hash, text] of extracted.assets) {
        if (!assetTexts.has(hash)) assetTexts.set(hash, text);
      }
      const chunk = await createChunk(
        { segmentId: s.id, seq, sessionId: meta.id, events, emptyAt: s.startedAt },
        deps,
      );
      chunks.push(chunk);
      segment = withChunk(segment, chunk);
    }
    lastTs = Math.max(lastTs, segment.lastTs);
    segments.push(segment);
  }
  const assets: AssetRecord[] = [];
  for (const [hash, text] of assetTexts) {
    assets.push({ sessionId: meta.id, hash, data: await deps.compress(text) });
  }
  const ended = meta.status === 'ended';
  const session: SessionRecord = {
    ...meta,
    // A session imported from elsewhere cannot be live here.
    status: 'ended',
    endedAt: meta.endedAt ?? lastTs,
    endReason: ended ? meta.endReason : (meta.endReason ?? { type: 'abandoned' }),
    tabIds: [],
    runStartedAt: null,
    stats: {
      bytes:
        segments.reduce((n, s) => n + s.bytes, 0) +
        assets.reduce((n, a) => n + a.data.byteLength, 0),
      events: segments.reduce((n, s) => n + s.events, 0),
      pages: segments.length,
    },
  };
  return {
    session,
    segments,
    chunks,
    timeline: timeline.map((entry) => ({ ...entry, sessionId: meta.id }) as TimelineRecord),
    assets,
    annotations: bundleAnnotations.map(({ screenshot: _shot, ...a }) => ({
      ...a,
      sessionId: meta.id,
    })),
    screenshots: bundleAnnotations.flatMap(({ id, screenshot }) =>
      screenshot
        ? [
            {
              annotationId: id,
              sessionId: meta.id,
              source: screenshot.source,
              mime: screenshot.mime,
              data: fromBase64(screenshot.data),
            },
          ]
        : [],
    ),
  };
}

/**
 * Validate a bundle file completely, then write it in one transaction: a bad
 * file changes nothing, and sessions already present are skipped, not duplicated.
 */
export async function importBundle(
  db: StudyGroupDb,
  file: Blob,
  deps: ImportDeps,
): Promise<ImportResult> {
  const progress = (stage: ImportProgress['stage'], fraction: number) =>
    deps.onProgress?.({ stage, fraction });
  try {
    progress('reading', 0);
    const text = await readJsonText(file);
    progress('checking', 0.1);
    const bundle = parseBundleJson(text);
    const existing = new Set(
      (await db.sessions.bulkGet(bundle.sessions.map((s) => s.id)))
        .filter(Boolean)
        .map((s) => s!.id),
    );
    const fresh = bundle.sessions.filter((s) => !existing.has(s.id));
    const prepared: PreparedSession[] = [];
    for (const session of fresh) {
      progress('preparing', 0.2 + (0.7 * prepared.length) / fresh.length);
      prepared.push(await prepare(session, deps));
    }
    const segmentIds = prepared.flatMap((p) => p.segments.map((s) => s.id));
    if (new Set(segmentIds).size !== segmentIds.length)
      throw new BundleError('The bundle lists the same page segment twice.');
    progress('writing', 0.9);
    const tables = [db.sessions, db.findingOverrides, ...sessionDataTables(db)];
    const written = await db.transaction('rw', tables, async () => {
      // Checked again inside the transaction: another import may have stored one meanwhile.
      const present = new Set(
        (await db.sessions.bulkGet(prepared.map((p) => p.session.id)))
          .filter(Boolean)
          .map((s) => s!.id),
      );
      const toWrite = prepared.filter((p) => !present.has(p.session.id));
      const clashes = (
        await db.segments.bulkGet(toWrite.flatMap((p) => p.segments.map((s) => s.id)))
      ).filter(Boolean);
      if (clashes.length)
        throw new BundleError(
          'The bundle reuses recording ids of a different session already stored here.',
        );
      for (const p of toWrite) {
        await db.sessions.add(p.session);
        await db.segments.bulkAdd(p.segments);
        await db.chunks.bulkAdd(p.chunks);
        await db.timeline.bulkAdd(p.timeline);
        await db.assets.bulkAdd(p.assets);
        await db.annotations.bulkAdd(p.annotations);
        await db.screenshots.bulkAdd(p.screenshots);
      }
      const overrides = bundle.findingOverrides;
      const knownOverrides = new Set(
        (await db.findingOverrides.bulkGet(overrides.map((o) => o.id)))
          .filter(Boolean)
          .map((o) => o!.id),
      );
      const newOverrides = uniqueById(overrides.filter((o) => !knownOverrides.has(o.id)));
      await db.findingOverrides.bulkAdd(newOverrides);
      return { ids: new Set(toWrite.map((p) => p.session.id)), overrides: newOverrides.length };
    });
    progress('writing', 1);
    return {
      type: 'ok',
      imported: bundle.sessions.filter((s) => written.ids.has(s.id)).map((s) => s.title),
      skipped: bundle.sessions.filter((s) => !written.ids.has(s.id)).map((s) => s.title),
      sessionIds: bundle.sessions.map((s) => s.id),
      overrides: written.overrides,
    };
  } catch (error) {
    if (error instanceof BundleError) return { type: 'error', message: error.message };
    if (isQuotaError(error)) {
      return {
        type: 'error',
        message: 'Not enough storage space to import this bundle. Nothing was imported.',
      };
    }
    return { type: 'error', message: `Import failed, nothing was imported: ${String(error)}` };
  }
}

function uniqueById<T extends { id: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.id) && seen.add(row.id));
}

/** One picked file and what became of it. */
export interface FileImportResult {
  name: string;
  result: ImportResult;
}

/**
 * Import several files one after another, each in its own transaction: a
 * bad file is reported and changes nothing, and the others still import.
 * `onProgress` gets the file being imported and how far it is.
 */
export async function importBundleFiles(
  db: StudyGroupDb,
  files: readonly File[],
  deps: Omit<ImportDeps, 'onProgress'> & {
    onProgress?(file: number, progress: ImportProgress): void;
    onFileDone?(file: number, result: ImportResult): void;
  },
): Promise<FileImportResult[]> {
  const results: FileImportResult[] = [];
  for (const [i, file] of files.entries()) {
    const result = await importBundle(db, file, {
      compress: deps.compress,
      hash: deps.hash,
      onProgress: (progress) => deps.onProgress?.(i, progress),
    });
    deps.onFileDone?.(i, result);
    results.push({ name: file.name, result });
  }
  return results;
}
