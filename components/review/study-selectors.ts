import { useMemo } from 'react';
import { groupStudies, QUICK_STUDY_KEY, type StudySummary } from '@/lib/metrics';
import { useReviewStore } from './review-store';
import type { SessionRecord } from '@/lib/contracts';

/** The sessions by study; should a bad record break the grouping, every session in one list. */
export function studiesOf(sessions: SessionRecord[]): StudySummary[] {
  try {
    return groupStudies(sessions);
  } catch {
    return [
      {
        key: QUICK_STUDY_KEY,
        ref: null,
        title: 'All sessions',
        round: null,
        sessionIds: sessions.map((s) => s.id),
        participants: 0,
        firstStartedAt: 0,
        lastStartedAt: 0,
      },
    ];
  }
}

/** Every study, and the one shown: the picked one, else the newest session's. */
export function useStudies(): { studies: StudySummary[]; current: StudySummary | null } {
  const sessions = useReviewStore((s) => s.sessions);
  const key = useReviewStore((s) => s.studyKey);
  return useMemo(() => {
    const studies = studiesOf(sessions);
    const newest = sessions[0]?.id;
    const current =
      studies.find((s) => s.key === key) ??
      studies.find((s) => newest !== undefined && s.sessionIds.includes(newest)) ??
      studies[0] ??
      null;
    return { studies, current };
  }, [sessions, key]);
}
