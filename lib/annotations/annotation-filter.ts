import type { AnnotationRecord, DetectorType, Severity } from '../contracts';

/** What the review page's annotation list shows. */
export interface AnnotationFilter {
  /** One tag or one detector; null shows every one. */
  what: { type: 'tag'; tagId: string } | { type: 'detector'; detector: DetectorType } | null;
  /** 'manual': tagged by people (participants and facilitators); 'auto': noticed by a detector. */
  kind: 'all' | 'manual' | 'auto';
  severities: Severity[];
  showDismissed: boolean;
}

export const ALL_ANNOTATIONS: AnnotationFilter = {
  what: null,
  kind: 'all',
  severities: [1, 2, 3],
  showDismissed: true,
};

export function matchesFilter(annotation: AnnotationRecord, filter: AnnotationFilter): boolean {
  const { what } = filter;
  if (what?.type === 'tag' && annotation.tagId !== what.tagId) return false;
  if (what?.type === 'detector' && annotation.detector !== what.detector) return false;
  if (filter.kind !== 'all' && annotation.kind !== filter.kind) return false;
  if (!filter.severities.includes(annotation.severity)) return false;
  return filter.showDismissed || annotation.dismissed !== true;
}
