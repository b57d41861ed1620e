import type { StudyGroupDb } from './db';
import type { AnnotationRecord, ScreenshotRecord, SessionRecord } from '../contracts';

/** Every session, newest first. */
export function listSessionsNewestFirst(db: StudyGroupDb): Promise<SessionRecord[]> {
  return db.sessions.orderBy('startedAt').reverse().toArray();
}

/** The session that is recording, paused or interrupted (at most one is), or null. */
export async function findOpenSession(db: StudyGroupDb): Promise<SessionRecord | null> {
  return (
    (await db.sessions.where('status').anyOf('recording', 'paused', 'interrupted').first()) ?? null
  );
}

/** The newest session that has ended, or null. */
export async function findLastEndedSession(db: StudyGroupDb): Promise<SessionRecord | null> {
  return (
    (await db.sessions
      .orderBy('startedAt')
      .reverse()
      .filter((s) => s.status === 'ended')
      .first()) ?? null
  );
}

export interface AnnotationWithScreenshot {
  annotation: AnnotationRecord;
  screenshot: ScreenshotRecord | null;
}

/** A session's annotations, oldest first, each with its screenshot if it has one. */
export async function listAnnotationsWithScreenshots(
  db: StudyGroupDb,
  sessionId: string,
): Promise<AnnotationWithScreenshot[]> {
  const annotations = await db.annotations
    .where('[sessionId+ts]')
    .between([sessionId, -Infinity], [sessionId, Infinity])
    .toArray();
  const screenshots = await db.screenshots.bulkGet(annotations.map((a) => a.id));
  return annotations.map((annotation, i) => ({ annotation, screenshot: screenshots[i] ?? null }));
}
