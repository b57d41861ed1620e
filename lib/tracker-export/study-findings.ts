import type {
  AnnotationRecord,
  Finding,
  FindingOverrideRecord,
  ScreenshotRecord,
  SessionRecord,
  TimelineRecord,
} from '../contracts';
import { clusterFindings, studyKey, studyRefOf, type ClusterInput } from '../findings';
import { participantOf, QUICK_STUDY_KEY } from '../metrics';
import { listFindingOverrides, listSessionsNewestFirst, type StudyGroupDb } from '../storage';

/** A study as the findings board sees it: its sessions, what they noted, and the findings. */
export interface StudyFindings {
  studyKey: string;
  /** Newest first. */
  sessions: SessionRecord[];
  /** Dismissed ones included (clustering leaves them out). */
  annotations: AnnotationRecord[];
  timeline: TimelineRecord[];
  screenshots: ScreenshotRecord[];
  overrides: FindingOverrideRecord[];
  /** Distinct participants (aliases; a session without one counts alone). */
  participants: number;
  findings: Finding[];
  /** Decisions whose finding is no longer there. */
  staleOverrides: FindingOverrideRecord[];
}

/** The study a session belongs to, as boards and overrides name it. */
export function studyKeyOf(session: Pick<SessionRecord, 'study'>): string {
  const ref = studyRefOf(session);
  return ref === null ? QUICK_STUDY_KEY : studyKey(ref);
}

/** The clustering the findings board shows, from rows already read. */
export function clusterStudy(
  rows: Omit<StudyFindings, 'participants' | 'findings' | 'staleOverrides'>,
): StudyFindings {
  const byId = new Map(rows.sessions.map((s) => [s.id, s]));
  const items: ClusterInput[] = [];
  for (const annotation of rows.annotations) {
    const session = byId.get(annotation.sessionId);
    if (!session) continue;
    items.push({
      annotation,
      participant: session.participant,
      sessionId: session.id,
      tags: session.study?.tags ?? [],
    });
  }
  const participants = new Set(rows.sessions.map(participantOf)).size;
  const { findings, staleOverrides } = clusterFindings({
    items,
    overrides: rows.overrides,
    participants,
  });
  return { ...rows, participants, findings, staleOverrides };
}

/** Reads a study from the database and clusters it exactly as the findings board does. */
export async function loadStudyFindings(db: StudyGroupDb, key: string): Promise<StudyFindings> {
  const sessions = (await listSessionsNewestFirst(db)).filter((s) => studyKeyOf(s) === key);
  const ids = sessions.map((s) => s.id);
  const [annotations, timeline, screenshots, overrides] = await Promise.all([
    db.annotations.where('sessionId').anyOf(ids).toArray(),
    db.timeline.where('sessionId').anyOf(ids).toArray(),
    db.screenshots.where('sessionId').anyOf(ids).toArray(),
    listFindingOverrides(db, key),
  ]);
  return clusterStudy({ studyKey: key, sessions, annotations, timeline, screenshots, overrides });
}

/**
 * The findings a session's annotations are part of (what the popup offers to
 * send after Stop), in the board's priority order; won't-fix ones are left out.
 */
export async function loadSessionFindings(
  db: StudyGroupDb,
  sessionId: string,
): Promise<{ study: StudyFindings; findings: Finding[] } | null> {
  const session = await db.sessions.get(sessionId);
  if (!session) return null;
  const study = await loadStudyFindings(db, studyKeyOf(session));
  const findings = study.findings.filter(
    (f) => f.sessionIds.includes(sessionId) && f.status !== 'wont-fix',
  );
  return { study, findings };
}
