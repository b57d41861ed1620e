import type { FrictionTag, StudyKit } from '../contracts';

/**
 * The tags a new kit starts with. Each colour reaches at least 4.5:1 against
 * white, so it works as text on the page and behind white text in the overlay.
 */
export const DEFAULT_TAGS: readonly Omit<FrictionTag, 'id'>[] = [
  { label: 'Confused', key: '1', color: '#6941c6' },
  { label: 'Stuck', key: '2', color: '#b54708' },
  { label: 'Slow', key: '3', color: '#0e7090' },
  { label: 'Broken', key: '4', color: '#b42318' },
  { label: 'Wording', key: '5', color: '#c11574' },
  { label: 'Delight', key: '6', color: '#067647' },
];

export const DEFAULT_RULES: readonly string[] = [
  'You do not work here: use only what a customer would see.',
  "We are not here to solve problems: notice and note, don't fix.",
];

export const DEFAULT_KIT_TITLE = 'Untitled study';

/** A new kit with the default rules and tags; valid as it is. */
export function createKit(now: number, newId: () => string): StudyKit {
  return {
    id: newId(),
    title: DEFAULT_KIT_TITLE,
    scenario: '',
    persona: '',
    goal: '',
    tasks: [],
    rules: [...DEFAULT_RULES],
    origins: [],
    timeBoxMinutes: null,
    round: 1,
    tags: DEFAULT_TAGS.map((tag) => ({ id: newId(), ...tag })),
    privacy: { blockSelectors: [], maskSelectors: [], keepFullUrls: false },
    createdAt: now,
    updatedAt: now,
  };
}
