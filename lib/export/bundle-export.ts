import {
  listFindingOverridesOf,
  listSegments,
  segmentChunkTexts,
  type StudyGroupDb,
} from '../storage';
import { studyKey, studyRefOf } from '../findings';
import { fileSlug } from '../files';
import { BUNDLE_EXTENSION, BUNDLE_FORMAT, BUNDLE_VERSION } from './bundle-schema';

export interface ExportMeta {
  exportedAt: string;
  generator: string;
}

/**
 * The bundle's JSON text, piece by piece. Stored chunks already hold JSON
 * arrays of events, so they are spliced in as text: a long session is never
 * parsed, nor held in memory whole.
 */
export async function* bundleJsonParts(
  db: StudyGroupDb,
  sessionIds: string[],
  meta: ExportMeta,
): AsyncGenerator<string> {
  const head = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, ...meta };
  yield `${JSON.stringify(head).slice(0, -1)},"sessions":[`;
  let firstSession = true;
  const studyKeys = new Set<string>();
  for (const id of sessionIds) {
    const session = await db.sessions.get(id);
    if (!session) continue;
    const ref = studyRefOf(session);
    if (ref) studyKeys.add(studyKey(ref));
    const { title, participant, origins, status, startedAt, endedAt, activeMs, endReason } =
      session;
    const header = {
      id,
      title,
      participant,
      origins,
      status,
      startedAt,
      endedAt,
      activeMs,
      endReason,
    };
    yield `${firstSession ? '' : ','}${JSON.stringify(header).slice(0, -1)},"segments":[`;
    firstSession = false;
    let firstSegment = true;
    for (const segment of await listSegments(db, id)) {
      const { tabId, url, startedAt: segmentStart } = segment;
      const segmentHead = { id: segment.id, tabId, url, startedAt: segmentStart };
      yield `${firstSegment ? '' : ','}${JSON.stringify(segmentHead).slice(0, -1)},"events":[`;
      firstSegment = false;
      let firstChunk = true;
      for await (const text of segmentChunkTexts(db, segment.id)) {
        const inner = text.slice(1, -1);
        if (!inner) continue;
        yield firstChunk ? inner : `,${inner}`;
        firstChunk = false;
      }
      yield ']}';
    }
    const timeline = (
      await db.timeline.where('[sessionId+ts]').between([id, -Infinity], [id, Infinity]).toArray()
    ).map(({ id: _id, sessionId: _sessionId, ...entry }) => entry);
    yield `],"timeline":${JSON.stringify(timeline)}`;
    const { study, tasks, goalReached } = session;
    yield `,"study":${JSON.stringify(study)},"tasks":${JSON.stringify(tasks)},"goalReached":${JSON.stringify(goalReached)},"annotations":[`;
    let firstAnnotation = true;
    // One at a time: screenshots make annotations the heavy part.
    for (const annotation of await db.annotations
      .where('[sessionId+ts]')
      .between([id, -Infinity], [id, Infinity])
      .toArray()) {
      const { sessionId, ...rest } = annotation;
      const shot = await db.screenshots.get(annotation.id);
      const screenshot = shot
        ? { source: shot.source, mime: shot.mime, data: toBase64(shot.data) }
        : null;
      yield `${firstAnnotation ? '' : ','}${JSON.stringify({ ...rest, screenshot })}`;
      firstAnnotation = false;
    }
    yield ']}';
  }
  // The facilitator's decisions travel with the study's sessions.
  const overrides = await listFindingOverridesOf(db, [...studyKeys]);
  yield `],"findingOverrides":${JSON.stringify(overrides)}}`;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** A gzip-compressed bundle file of the given sessions. */
export async function exportBundle(
  db: StudyGroupDb,
  sessionIds: string[],
  meta: ExportMeta,
): Promise<Blob> {
  const parts = bundleJsonParts(db, sessionIds, meta);
  const text = new ReadableStream<string>({
    async pull(controller) {
      const { value, done } = await parts.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
  const gz = text.pipeThrough(new TextEncoderStream()).pipeThrough(new CompressionStream('gzip'));
  return new Response(gz).blob();
}

/** "<study>-<alias>-<date>" for one session, "<n>-sessions-<date>" for several. */
export function bundleFileName(titles: string[], now: Date, participant = ''): string {
  const date = now.toISOString().slice(0, 10);
  const base = titles.length === 1 ? titles[0]! : `${titles.length}-sessions`;
  // Six participants of one study send six files: the alias keeps them apart.
  const alias = titles.length === 1 ? fileSlug(participant, '') : '';
  return `${fileSlug(base, 'session')}${alias ? `-${alias}` : ''}-${date}${BUNDLE_EXTENSION}`;
}
