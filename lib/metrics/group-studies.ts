import type { SessionRecord, StudyRef } from '../contracts';
import { studyKey, studyRefOf } from '../findings';
import { participantOf } from './study-metrics';

export const QUICK_STUDY_KEY = 'quick';

export interface StudySummary {
  /** studyKey(ref), or QUICK_STUDY_KEY for the sessions without a kit. */
  key: string;
  ref: StudyRef | null;
  /** The kit's title (its newest version among the sessions), or 'Quick sessions'. */
  title: string;
  round: number | null;
  /** Oldest first. */
  sessionIds: string[];
  participants: number;
  firstStartedAt: number;
  lastStartedAt: number;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Sessions by study: one group per kit and round, by kit title then round, and
 * one 'quick' group last for the sessions recorded without a kit.
 */
export function groupStudies(sessions: SessionRecord[]): StudySummary[] {
  const groups = new Map<string, { ref: StudyRef | null; sessions: SessionRecord[] }>();
  for (const session of sessions) {
    const ref = studyRefOf(session);
    const key = ref ? studyKey(ref) : QUICK_STUDY_KEY;
    const group = groups.get(key) ?? { ref, sessions: [] };
    group.sessions.push(session);
    groups.set(key, group);
  }
  const summaries = [...groups].map(([key, { ref, sessions: own }]): StudySummary => {
    const sorted = [...own].sort((a, b) => a.startedAt - b.startedAt || compare(a.id, b.id));
    const newestKit = [...own]
      .flatMap((s) => (s.study ? [s.study] : []))
      .sort((a, b) => b.updatedAt - a.updatedAt || compare(a.title, b.title))[0];
    return {
      key,
      ref,
      title: newestKit?.title ?? 'Quick sessions',
      round: ref?.round ?? null,
      sessionIds: sorted.map((s) => s.id),
      participants: new Set(own.map(participantOf)).size,
      firstStartedAt: sorted[0]?.startedAt ?? 0,
      lastStartedAt: sorted[sorted.length - 1]?.startedAt ?? 0,
    };
  });
  // A kit's rounds stay together, under the title of its newest version.
  const kitTitles = new Map<string, string>();
  for (const kit of sessions
    .flatMap((s) => (s.study ? [s.study] : []))
    .sort((a, b) => b.updatedAt - a.updatedAt || compare(a.title, b.title))) {
    if (!kitTitles.has(kit.id)) kitTitles.set(kit.id, kit.title);
  }
  const kitTitle = (s: StudySummary) => (s.ref ? (kitTitles.get(s.ref.kitId) ?? '') : '');
  return summaries.sort(
    (a, b) =>
      Number(a.ref === null) - Number(b.ref === null) ||
      compare(kitTitle(a), kitTitle(b)) ||
      compare(a.ref?.kitId ?? '', b.ref?.kitId ?? '') ||
      (a.round ?? 0) - (b.round ?? 0),
  );
}
