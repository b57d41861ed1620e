import type { SessionRecord, StudyRef } from '../contracts';

/** How a study is named in storage and overrides: `${kitId}#${round}`. */
export const studyKey = (ref: StudyRef): string => `${ref.kitId}#${ref.round}`;

/** The study a session plays; null for a quick session. Round 1 when the kit has none. */
export function studyRefOf(session: Pick<SessionRecord, 'study'>): StudyRef | null {
  const kit = session.study;
  if (!kit) return null;
  const round =
    typeof kit.round === 'number' && Number.isInteger(kit.round) && kit.round >= 1 ? kit.round : 1;
  return { kitId: kit.id, round };
}
