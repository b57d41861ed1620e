import type { DetectorType, Severity } from './annotations';

/**
 * What identifies an element across page loads and participants, most
 * stable first (the overlay describes it, detectors derive it from the
 * recorded node, lib/findings matches on it). Null where the element has none.
 */
export interface ElementIdentity {
  /** Its own id, when it does not look generated. */
  id: string | null;
  /** data-testid, data-test or data-qa. */
  testId: string | null;
  /** Explicit or implicit ARIA role ('button', 'link', 'textbox'…). */
  role: string | null;
  /** Accessible name: aria-label, or the text of a button/link. */
  name: string | null;
  /** The label of a form field. */
  label: string | null;
  /** Short visible text. */
  text: string | null;
  /** A short structural path (tag names only, e.g. 'main > form > button'). */
  path: string;
}

/** Which study a session belongs to: a kit played in a round (round 2 re-runs a kit after fixes). */
export interface StudyRef {
  kitId: string;
  round: number;
}

/** A Single Ease Question answer: 1 (very difficult) to 7 (very easy). */
export type Ease = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type FindingStatus = 'new' | 'accepted' | 'wont-fix';

/** What a finding is about: a study's friction tag, or a detector. */
export type FindingKind =
  { type: 'tag'; tagId: string } | { type: 'detector'; detector: DetectorType };

/** One cluster of annotations across a study's sessions (lib/findings computes it). */
export interface Finding {
  /** Stable across re-clustering: derived from the fingerprint that founded it. */
  id: string;
  fingerprint: string;
  title: string;
  kind: FindingKind;
  status: FindingStatus;
  annotationIds: string[];
  sessionIds: string[];
  /** Distinct participants hit. */
  reach: number;
  worstSeverity: Severity;
  tagIds: string[];
  /** Normalised paths. */
  pages: string[];
  priority: number;
}

/** A facilitator's decision on the findings board, replayed over every clustering. */
export type FindingOverride =
  | { type: 'rename'; findingId: string; title: string }
  | { type: 'status'; findingId: string; status: FindingStatus }
  /** `findingId` absorbs `otherId`. */
  | { type: 'merge'; findingId: string; otherId: string }
  /** Moves annotations into a finding of their own, named `newFindingId`. */
  | { type: 'split'; findingId: string; annotationIds: string[]; newFindingId: string };

/** A stored override (table findingOverrides, written by the background). */
export interface FindingOverrideRecord {
  id: string;
  /** `${kitId}#${round}`, see studyKey in lib/findings. */
  studyKey: string;
  /** The clustering rules' version the decision was made under. */
  rulesVersion: number;
  createdAt: number;
  override: FindingOverride;
}
