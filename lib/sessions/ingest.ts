import type { EventType } from '@rrweb/types';
import { addAutoAnnotations } from '../annotations';
import {
  createChunk,
  emptySegment,
  extractAssets,
  INGEST_ERROR_CHARS,
  isQuotaError,
  withChunk,
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
import { originOf } from '../urls';
import {
  LIVE_STATUSES,
  liveSession,
  type MessageSenderInfo,
  type RequestFailure,
  type SessionContext,
} from './session-context';
import type {
  AssetRecord,
  BatchRequest,
  BatchResponse,
  RrwebEvent,
  SegmentRecord,
  SessionRecord,
  TimelineEntry,
} from '../contracts';

const META = 4 satisfies EventType.Meta;

/** How ingest ends a session it cannot keep recording (lib/sessions/lifecycle.ts). */
export interface IngestEndings {
  endForFullStorage(sessionId: string): Promise<void>;
  endOverBudget(sessionId: string, which: 'rate' | 'total'): Promise<void>;
}

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

/**
 * What pages send: batches (validated, deduplicated by segment and sequence,
 * stylesheets stored once, compressed, within the byte budget) and the
 * session's failed requests.
 */
export function createIngest(ctx: SessionContext, endings: IngestEndings) {
  const { db, deps, budget, rate } = ctx;

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
        await endings.endForFullStorage(session.id);
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
    const chunk = await createChunk(
      {
        segmentId: batch.segment.id,
        seq: batch.seq,
        sessionId: session.id,
        events,
        emptyAt: batch.segment.startedAt,
      },
      deps,
    );
    const bytes =
      chunk.data.byteLength +
      newAssets.reduce((n, a) => n + a.data.byteLength, 0) +
      JSON.stringify(timelineEntries).length;
    const over =
      session.stats.bytes + bytes > budget.sessionBytes
        ? 'total'
        : rate.take(session.id, bytes, deps.now())
          ? null
          : 'rate';
    if (over) {
      await endings.endOverBudget(session.id, over);
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
        const existing = await db.segments.get(batch.segment.id);
        if (existing && existing.sessionId !== session.id)
          throw new Error('segment belongs to another session');
        const segment =
          existing ??
          emptySegment({
            id: batch.segment.id,
            sessionId: session.id,
            tabId,
            url: storedUrl(batch.segment.url, keep),
            startedAt: batch.segment.startedAt,
          });
        await db.chunks.add(chunk);
        await db.segments.put(withChunk(segment, chunk));
        await db.sessions
          .where('id')
          .equals(session.id)
          .modify((s) => {
            s.stats.bytes += chunk.data.byteLength + assetBytes;
            s.stats.events += chunk.count;
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
      const chunk = await createChunk(
        {
          segmentId: batch.segment.id,
          seq: batch.seq,
          sessionId,
          events: [],
          emptyAt: batch.segment.startedAt,
        },
        deps,
      );
      await db.transaction('rw', [db.chunks, db.timeline], async () => {
        if (await db.chunks.get([batch.segment.id, batch.seq])) return;
        await db.chunks.add(chunk);
        await db.timeline.add({ ...entry, sessionId, segmentId: batch.segment.id, tabId });
      });
    } catch (failure) {
      if (isQuotaError(failure)) {
        await endings.endForFullStorage(sessionId);
        return { type: 'stop', reason: 'storage-full' };
      }
      // Not even that could be written: moving on still beats a page stuck on this batch.
    }
    return { type: 'ack' };
  }

  /**
   * Runs inside the batch's transaction: the tab's detector state moves on
   * with the stored batch (resent batches never reach here), and its detections
   * become auto annotations (lib/annotations).
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
    const { state, detections } = friction.step(
      (stored?.state as TabState | undefined) ?? friction.initial(),
      {
        segment: { id: segment.id, tabId, url: segment.url, startedAt: segment.startedAt },
        events,
        timeline,
      },
    );
    await db.detectorStates.put({ sessionId, tabId, state });
    await addAutoAnnotations(db, detections, { sessionId, tabId }, deps);
  }

  async function recordRequestFailure(failure: RequestFailure): Promise<void> {
    const session = await liveSession(db);
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
      await endings.endForFullStorage(session.id);
    }
  }

  return { ingestBatch, recordRequestFailure };
}
