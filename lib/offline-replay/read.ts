import { tagsOf } from '../annotations';
import { DETECTOR_LABELS } from '../contracts';
import { fileSlug } from '../files';
import { buildPieces, type TimelinePiece } from '../replay';
import {
  listChunkSpans,
  listSegments,
  loadSegmentEvents,
  segmentChunkTexts,
  type StudyGroupDb,
} from '../storage';
import { clipChunkRange, clipEvents, clipWindow, piecesWithin } from './clip';
import { createOfflineReplay, type OfflineClipInput } from './document';
import { OFFLINE_CSS } from './style';
import type { OfflineMarker } from './manifest';
import type { AnnotationRecord, Finding, IssueAttachment, SessionRecord } from '../contracts';

export interface OfflineReplayOptions {
  playerScript: string;
  now: Date;
  signal?: AbortSignal;
  onClip?(index: number, total: number): void;
}

/** Where the built player is (entrypoints/offline-player.ts): fetched from the extension when exporting. */
export const OFFLINE_PLAYER_PATH = '/offline-player.js' as const;

/** Detectors have no tag colour of their own: one neutral grey, with the name beside it. */
const DETECTOR_COLOR = '#6b7280';

function markerOf(annotation: AnnotationRecord, session: SessionRecord): OfflineMarker {
  const tag = tagsOf(session).find((t) => t.id === annotation.tagId);
  const label =
    annotation.kind === 'auto' && annotation.detector
      ? DETECTOR_LABELS[annotation.detector]
      : (tag?.label ?? 'Tag');
  return {
    ts: annotation.ts,
    label,
    color: tag?.color ?? DETECTOR_COLOR,
    note: annotation.note,
    severity: annotation.severity,
    kind: annotation.kind,
  };
}

function participantName(session: SessionRecord): string {
  return session.participant || 'Unnamed participant';
}

async function sessionPieces(db: StudyGroupDb, session: SessionRecord) {
  const segments = await listSegments(db, session.id);
  return { segments, pieces: buildPieces(segments, session.endedAt) };
}

/** A whole session as one clip: every page load, every annotation that is not dismissed. */
async function sessionClip(
  db: StudyGroupDb,
  session: SessionRecord,
): Promise<OfflineClipInput | null> {
  const { segments, pieces } = await sessionPieces(db, session);
  if (pieces.length === 0) return null;
  const shown = new Set(pieces.map((p) => p.segmentId));
  const annotations = await db.annotations
    .where('[sessionId+ts]')
    .between([session.id, -Infinity], [session.id, Infinity])
    .toArray();
  return {
    participant: participantName(session),
    startTs: pieces[0]!.from,
    endTs: pieces[pieces.length - 1]!.to,
    pieces,
    segments: segments
      .filter((s) => shown.has(s.id))
      .map((s) => ({ id: s.id, url: s.url, events: segmentChunkTexts(db, s.id) })),
    markers: annotations.filter((a) => !a.dismissed).map((a) => markerOf(a, session)),
  };
}

/**
 * One session's clip of a finding: 10 s before its first annotation in the
 * session to 10 s after its last, each page load shown from the full
 * snapshot before that (rrweb fast-forwards from it).
 */
async function findingSessionClip(
  db: StudyGroupDb,
  session: SessionRecord,
  annotations: AnnotationRecord[],
): Promise<OfflineClipInput | null> {
  const { segments, pieces: all } = await sessionPieces(db, session);
  if (all.length === 0) return null;
  const window = clipWindow(
    annotations.map((a) => a.ts),
    { start: all[0]!.from, end: all[all.length - 1]!.to },
  );
  if (!window) return null;
  const pieces = piecesWithin(all, window.startTs, window.endTs);
  const spans = await listChunkSpans(db, session.id);
  const clipSegments: OfflineClipInput['segments'] = [];
  for (const segment of segments) {
    const own = pieces.filter((p: TimelinePiece) => p.segmentId === segment.id);
    if (own.length === 0) continue;
    const from = Math.min(...own.map((p) => p.from));
    const to = Math.max(...own.map((p) => p.to));
    const range = clipChunkRange(
      spans.filter((s) => s.segmentId === segment.id),
      from,
      to,
    );
    if (!range) continue;
    const events = clipEvents(await loadSegmentEvents(db, segment.id, range), from, to);
    clipSegments.push({ id: segment.id, url: segment.url, events: [events] });
  }
  return {
    participant: participantName(session),
    ...window,
    pieces,
    segments: clipSegments,
    markers: annotations.map((a) => markerOf(a, session)),
  };
}

/** The offline replay of one session, as HTML text parts. */
export async function* sessionReplayParts(
  db: StudyGroupDb,
  sessionId: string,
  options: OfflineReplayOptions,
): AsyncGenerator<string> {
  const session = await db.sessions.get(sessionId);
  if (!session) throw new Error('The session is no longer stored.');
  const clip = await sessionClip(db, session);
  if (!clip) throw new Error('Nothing of this session was recorded to replay.');
  yield* createOfflineReplay({
    title: `${session.title} · ${participantName(session)}`,
    exportedAt: options.now,
    clips: [clip],
    playerScript: options.playerScript,
    css: OFFLINE_CSS,
    signal: options.signal,
    onClip: options.onClip,
  });
}

/** The offline replay of a finding: one clip per session (participant) that hit it, as HTML text parts. */
export async function* findingClipParts(
  db: StudyGroupDb,
  finding: Pick<Finding, 'title' | 'annotationIds' | 'sessionIds'>,
  options: OfflineReplayOptions,
): AsyncGenerator<string> {
  const annotations = (await db.annotations.bulkGet(finding.annotationIds)).filter(
    (a): a is AnnotationRecord => a !== undefined,
  );
  const clips: OfflineClipInput[] = [];
  for (const sessionId of finding.sessionIds) {
    options.signal?.throwIfAborted();
    const session = await db.sessions.get(sessionId);
    const own = annotations.filter((a) => a.sessionId === sessionId).sort((a, b) => a.ts - b.ts);
    if (!session || own.length === 0) continue;
    const clip = await findingSessionClip(db, session, own);
    if (clip) clips.push(clip);
  }
  if (clips.length === 0) throw new Error('Nothing of this finding was recorded to replay.');
  yield* createOfflineReplay({
    title: finding.title,
    exportedAt: options.now,
    clips,
    playerScript: options.playerScript,
    css: OFFLINE_CSS,
    signal: options.signal,
    onClip: options.onClip,
  });
}

/** `<finding>-replay.html`, `<session>-<participant>-<date>-replay.html`. */
export function offlineReplayFileName(
  what: { type: 'finding'; title: string } | { type: 'session'; session: SessionRecord },
  now: Date,
): string {
  if (what.type === 'finding') return `${fileSlug(what.title, 'finding', 40)}-replay.html`;
  const { title, participant } = what.session;
  const who = fileSlug(participant, '', 30);
  const date = now.toISOString().slice(0, 10);
  return `${fileSlug(title, 'session', 40)}${who ? `-${who}` : ''}-${date}-replay.html`;
}

/** A finding's offline replay clip as a file for a tracker issue (the service worker calls this). */
export async function createFindingClip(
  db: StudyGroupDb,
  finding: Pick<Finding, 'title' | 'annotationIds' | 'sessionIds'>,
  options: { playerScript: string; now: Date; signal?: AbortSignal },
): Promise<IssueAttachment> {
  const encoder = new TextEncoder();
  const pieces: Uint8Array[] = [];
  let size = 0;
  for await (const part of findingClipParts(db, finding, options)) {
    const bytes = encoder.encode(part);
    pieces.push(bytes);
    size += bytes.byteLength;
  }
  const data = new Uint8Array(size);
  let at = 0;
  for (const bytes of pieces) {
    data.set(bytes, at);
    at += bytes.byteLength;
  }
  return {
    fileName: offlineReplayFileName({ type: 'finding', title: finding.title }, options.now),
    mime: 'text/html',
    data,
  };
}

/** The built player's code, read from the extension's own files. */
export async function loadPlayerScript(fetchFn: typeof fetch, url: string): Promise<string> {
  const response = await fetchFn(url);
  if (!response.ok) throw new Error(`The offline player could not be read (${response.status}).`);
  return response.text();
}
