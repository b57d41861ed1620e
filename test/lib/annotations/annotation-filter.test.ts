import { describe, expect, it } from 'vitest';
import { ALL_ANNOTATIONS, matchesFilter, type AnnotationFilter } from '@/lib/annotations';
import type { AnnotationRecord } from '@/lib/contracts';

const base: AnnotationRecord = {
  id: 'x',
  sessionId: 's',
  kind: 'manual',
  ts: 0,
  url: 'http://127.0.0.1/',
  tabId: 1,
  segmentId: null,
  tagId: null,
  detector: null,
  severity: 1,
  note: '',
  target: null,
  evidence: null,
  dedupeKey: null,
};
const ANNOTATIONS: AnnotationRecord[] = [
  { ...base, id: 'stuck-3', tagId: 'stuck', severity: 3 },
  { ...base, id: 'slow-1', tagId: 'slow', author: 'facilitator' },
  { ...base, id: 'dead-2', kind: 'auto', detector: 'dead-click', severity: 2 },
  { ...base, id: 'js-1-dismissed', kind: 'auto', detector: 'js-error', dismissed: true },
];
const shown = (filter: Partial<AnnotationFilter>) =>
  ANNOTATIONS.filter((a) => matchesFilter(a, { ...ALL_ANNOTATIONS, ...filter })).map((a) => a.id);

describe('matchesFilter', () => {
  it('shows everything by default, dismissed ones included', () => {
    expect(shown({})).toEqual(ANNOTATIONS.map((a) => a.id));
  });

  it('filters by one tag or one detector', () => {
    expect(shown({ what: { type: 'tag', tagId: 'stuck' } })).toEqual(['stuck-3']);
    expect(shown({ what: { type: 'detector', detector: 'dead-click' } })).toEqual(['dead-2']);
  });

  it('filters by kind: people (participants and facilitators) or detectors', () => {
    expect(shown({ kind: 'manual' })).toEqual(['stuck-3', 'slow-1']);
    expect(shown({ kind: 'auto' })).toEqual(['dead-2', 'js-1-dismissed']);
  });

  it('filters by severity and hides dismissed ones on request', () => {
    expect(shown({ severities: [2, 3] })).toEqual(['stuck-3', 'dead-2']);
    expect(shown({ severities: [] })).toEqual([]);
    expect(shown({ showDismissed: false })).toEqual(['stuck-3', 'slow-1', 'dead-2']);
  });

  it('combines them', () => {
    expect(shown({ kind: 'auto', severities: [1], showDismissed: false })).toEqual([]);
  });
});
