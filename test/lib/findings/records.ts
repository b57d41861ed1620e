import type {
  AnnotationRecord,
  ElementIdentity,
  FrictionTag,
  PinnedElement,
  SessionRecord,
  StudyKit,
  TaskProgress,
} from '@/lib/contracts';

// Small record factories for the findings and metrics tests: only what a test
// sets differs from these defaults.

export const ORIGIN = 'https://app.example';

export const TAGS: FrictionTag[] = [
  { id: 'confused', label: 'Confused', color: '#6941c6', key: '1' },
  { id: 'stuck', label: 'Stuck', color: '#b54708', key: '2' },
  { id: 'broken', label: 'Broken', color: '#b42318', key: '4' },
];

export function annotation(id: string, fields: Partial<AnnotationRecord> = {}): AnnotationRecord {
  return {
    id,
    sessionId: 's1',
    kind: 'manual',
    ts: 1_000,
    url: `${ORIGIN}/`,
    tabId: 1,
    segmentId: 'seg',
    tagId: 'confused',
    detector: null,
    severity: 1,
    note: '',
    target: null,
    evidence: null,
    dedupeKey: null,
    ...fields,
  };
}

export function auto(
  id: string,
  detector: AnnotationRecord['detector'],
  fields: Partial<AnnotationRecord> = {},
): AnnotationRecord {
  return annotation(id, { kind: 'auto', tagId: null, detector, severity: 2, ...fields });
}

export function identity(fields: Partial<ElementIdentity>): ElementIdentity {
  return {
    id: null,
    testId: null,
    role: null,
    name: null,
    label: null,
    text: null,
    path: 'main > button',
    ...fields,
  };
}

export function pinned(fields: Partial<PinnedElement> = {}): PinnedElement {
  return {
    selector: 'main > div:nth-of-type(2) > button',
    rect: { x: 10, y: 10, width: 100, height: 40 },
    text: '',
    ...fields,
  };
}

export function kit(fields: Partial<StudyKit> = {}): StudyKit {
  return {
    id: 'kit-1',
    title: 'Payouts',
    scenario: '',
    persona: '',
    goal: 'Get paid',
    tasks: [
      { id: 't1', title: 'Find payouts', doneWhen: '' },
      { id: 't2', title: 'Change bank', doneWhen: '' },
    ],
    rules: [],
    origins: [ORIGIN],
    timeBoxMinutes: null,
    tags: TAGS,
    privacy: { blockSelectors: [], maskSelectors: [] },
    createdAt: 0,
    updatedAt: 0,
    ...fields,
  };
}

export function task(taskId: string, fields: Partial<TaskProgress> = {}): TaskProgress {
  return { taskId, startedAt: null, endedAt: null, outcome: null, ...fields };
}

export function session(id: string, fields: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id,
    title: 'Study',
    participant: id,
    origins: [ORIGIN],
    tabIds: [1],
    status: 'ended',
    startedAt: 0,
    endedAt: 100_000,
    activeMs: 100_000,
    runStartedAt: null,
    endReason: { type: 'user' },
    stats: { bytes: 0, events: 0, pages: 1 },
    study: null,
    tasks: [],
    goalReached: null,
    ...fields,
  };
}
