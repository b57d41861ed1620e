import type { Ease } from './findings';

/** One friction tag of a study: picked in the overlay by its key. */
export interface FrictionTag {
  id: string;
  label: string;
  /** #rrggbb */
  color: string;
  /** One character, '1'-'9': the key that picks the tag in the overlay palette. */
  key: string;
}

export interface StudyTask {
  id: string;
  title: string;
  /** How a participant knows the task is done ("You see the payout date"). */
  doneWhen: string;
}

/** A facilitator's study kit: the role-play every participant of a study plays. */
export interface StudyKit {
  id: string;
  title: string;
  /** A few paragraphs of Markdown. */
  scenario: string;
  persona: string;
  goal: string;
  tasks: StudyTask[];
  rules: string[];
  /** Origins of the product to record. */
  origins: string[];
  timeBoxMinutes: number | null;
  /** Which run of the kit this is (round 2 after fixes); 1 when absent. */
  round?: number;
  tags: FrictionTag[];
  privacy: {
    blockSelectors: string[];
    maskSelectors: string[];
    /** Keep URLs whole, query values and fragments included (lib/urls); off when absent. */
    keepFullUrls?: boolean;
  };
  /**
   * A draft is kept in the options page but not offered to participants nor
   * exported; absent means ready, so kits stored before drafts stay usable.
   * Kit files never carry it.
   */
  status?: 'draft' | 'ready';
  createdAt: number;
  updatedAt: number;
}

export interface TaskProgress {
  taskId: string;
  startedAt: number | null;
  endedAt: number | null;
  outcome: 'done' | 'gave-up' | null;
  /** The participant's Single Ease Question answer when they ended the task; absent or null when skipped. */
  ease?: Ease | null;
}
