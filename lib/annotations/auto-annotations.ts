import { DEDUPE_KEY_CHARS, type StudyGroupDb } from '../storage';
import type { Finding } from '../friction';

/**
 * Turns detector findings into auto annotations, once per dedupe key and
 * session. Called inside the ingest transaction (which must include
 * db.annotations), so findings are stored with the batch that caused them.
 * Nothing interrupts the participant.
 */
export async function addAutoAnnotations(
  db: StudyGroupDb,
  findings: readonly Finding[],
  { sessionId, tabId }: { sessionId: string; tabId: number },
  deps: { newId(): string },
): Promise<void> {
  for (const finding of findings) {
    // Keys hold page-given text (a request URL): kept within what bundles carry.
    const dedupeKey = finding.dedupeKey.slice(0, DEDUPE_KEY_CHARS);
    const seen = await db.annotations
      .where('[sessionId+dedupeKey]')
      .equals([sessionId, dedupeKey])
      .count();
    if (seen) continue;
    await db.annotations.add({
      id: deps.newId(),
      sessionId,
      kind: 'auto',
      ts: finding.ts,
      url: finding.url,
      tabId,
      segmentId: finding.segmentId,
      tagId: null,
      detector: finding.detector,
      severity: finding.severity,
      note: '',
      target: null,
      evidence: finding.evidence,
      dedupeKey,
    });
  }
}
