import { DEDUPE_KEY_CHARS, type StudyGroupDb } from '../storage';
import type { Detection } from '../friction';

/**
 * Turns detections into auto annotations, once per dedupe key and
 * session. Called inside the ingest transaction (which must include
 * db.annotations), so detections are stored with the batch that caused them.
 * Nothing interrupts the participant.
 */
export async function addAutoAnnotations(
  db: StudyGroupDb,
  detections: readonly Detection[],
  { sessionId, tabId }: { sessionId: string; tabId: number },
  deps: { newId(): string },
): Promise<void> {
  for (const detection of detections) {
    // Keys hold page-given text (a request URL): kept within what bundles carry.
    const dedupeKey = detection.dedupeKey.slice(0, DEDUPE_KEY_CHARS);
    const seen = await db.annotations
      .where('[sessionId+dedupeKey]')
      .equals([sessionId, dedupeKey])
      .count();
    if (seen) continue;
    await db.annotations.add({
      id: deps.newId(),
      sessionId,
      kind: 'auto',
      ts: detection.ts,
      url: detection.url,
      tabId,
      segmentId: detection.segmentId,
      tagId: null,
      detector: detection.detector,
      severity: detection.severity,
      note: '',
      target: detection.target,
      evidence: detection.evidence,
      dedupeKey,
    });
  }
}
