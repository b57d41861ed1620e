import {
  createChunk,
  createDb,
  emptySegment,
  gzipJson,
  withChunk,
  type StudyGroupDb,
} from '@/lib/storage';
import type { AnnotationRecord, RrwebEvent, SegmentRecord, SessionRecord } from '@/lib/contracts';

export const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
export const ORIGIN = 'http://127.0.0.1:4173';

export const meta = (ts: number): RrwebEvent =>
  ({
    type: 4,
    timestamp: ts,
    data: { href: `${ORIGIN}/`, width: 1280, height: 720 },
  }) as RrwebEvent;

export const full = (ts: number, text: string, extra: object[] = []): RrwebEvent =>
  ({
    type: 2,
    timestamp: ts,
    data: {
      node: {
        type: 0,
        id: 1,
        childNodes: [
          {
            type: 2,
            id: 2,
            tagName: 'html',
            attributes: {},
            childNodes: [
              {
                type: 2,
                id: 3,
                tagName: 'body',
                attributes: {},
                childNodes: [
                  {
                    type: 2,
                    id: 4,
                    tagName: 'p',
                    attributes: {},
                    childNodes: [{ type: 3, id: 5, textContent: text }],
                  },
                  ...extra,
                ],
              },
            ],
          },
        ],
      },
      initialOffset: { left: 0, top: 0 },
    },
  }) as RrwebEvent;

export const move = (ts: number): RrwebEvent =>
  ({
    type: 3,
    timestamp: ts,
    data: { source: 1, positions: [{ x: 1, y: 1, id: 4, timeOffset: 0 }] },
  }) as RrwebEvent;

export function session(
  id: string,
  participant: string,
  startedAt: number,
  endedAt: number,
): SessionRecord {
  return {
    id,
    title: `Session ${id}`,
    participant,
    origins: [ORIGIN],
    tabIds: [1],
    status: 'ended',
    startedAt,
    endedAt,
    activeMs: endedAt - startedAt,
    runStartedAt: null,
    endReason: { type: 'user' },
    stats: { bytes: 0, events: 0, pages: 1 },
    study: null,
    tasks: [],
    goalReached: null,
  };
}

export function annotation(id: string, sessionId: string, ts: number, note = ''): AnnotationRecord {
  return {
    id,
    sessionId,
    kind: 'manual',
    ts,
    url: `${ORIGIN}/`,
    tabId: 1,
    segmentId: null,
    tagId: 'confused',
    detector: null,
    severity: 2,
    note,
    target: null,
    evidence: null,
    dedupeKey: null,
  };
}

/** Stores a page load as chunks, one per array of events. */
export async function storeSegment(
  db: StudyGroupDb,
  s: Pick<SegmentRecord, 'id' | 'sessionId' | 'startedAt'>,
  chunks: RrwebEvent[][],
): Promise<void> {
  let segment = emptySegment({ ...s, tabId: 1, url: `${ORIGIN}/` });
  for (const [seq, events] of chunks.entries()) {
    const chunk = await createChunk(
      { segmentId: s.id, seq, sessionId: s.sessionId, events, emptyAt: s.startedAt },
      { compress: gzipJson },
    );
    await db.chunks.put(chunk);
    segment = withChunk(segment, chunk);
  }
  await db.segments.put(segment);
}

/**
 * A 5-minute session: a checkout (Meta + FullSnapshot saying "minute N")
 * every 60 s, one chunk per 10 s with a pointer move each second.
 */
export async function fiveMinuteSession(
  db: StudyGroupDb,
  id: string,
  participant: string,
  start = T0,
) {
  await db.sessions.put(session(id, participant, start, start + 300_000));
  const chunks: RrwebEvent[][] = [];
  for (let c = 0; c < 30; c++) {
    const events: RrwebEvent[] = [];
    const from = start + c * 10_000;
    if (c % 6 === 0) events.push(meta(from), full(from + 1, `minute ${c / 6}`));
    for (let s = 0; s < 10; s++) events.push(move(from + s * 1000 + 500));
    chunks.push(events);
  }
  await storeSegment(db, { id: `${id}-seg`, sessionId: id, startedAt: start }, chunks);
}

export const newDb = () => createDb(`offline-${Math.random()}`);

export async function collect(parts: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const part of parts) text += part;
  return text;
}

/** The JSON of one `<script type="application/json" id="…">` block of a document. */
export function jsonBlock<T>(html: string, id: string): T {
  const match = new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(
    html,
  );
  if (!match) throw new Error(`no block ${id}`);
  return JSON.parse(match[1]!) as T;
}
