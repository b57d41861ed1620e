import type { SessionRecord, StudyRef } from '../contracts';

/** Placeholder until lib/findings' own studyKey lands (same contract). */
export function studyKey(ref: StudyRef): string {
  return `${ref.kitId}#${ref.round}`;
}

/** Placeholder until lib/findings' own studyRefOf lands: null for a quick session. */
export function studyRefOf(session: Pick<SessionRecord, 'study'>): StudyRef | null {
  return session.study ? { kitId: session.study.id, round: session.study.round ?? 1 } : null;
}
