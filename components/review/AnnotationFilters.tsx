import { useId } from 'react';
import { DETECTOR_LABELS, type FrictionTag } from '@/lib/contracts';
import { SEVERITY_LABELS } from './AnnotationFields';
import { useReviewStore } from './review-store';
import type { AnnotationFilter } from '@/lib/annotations';
import type { ReviewAnnotation } from './annotations-slice';

const KINDS = { all: 'Any', manual: 'Tagged by people', auto: 'Noticed automatically' } as const;
const KIND_VALUES = Object.keys(KINDS) as (keyof typeof KINDS)[];

function whatValue(what: AnnotationFilter['what']): string {
  if (!what) return '';
  return what.type === 'tag' ? `tag:${what.tagId}` : `detector:${what.detector}`;
}

/** Which annotations the list shows: by tag or detector, kind, severity, and dismissed or not. */
export function AnnotationFilters({
  annotations,
  tags,
}: {
  annotations: ReviewAnnotation[];
  tags: FrictionTag[];
}) {
  const filter = useReviewStore((s) => s.annotationFilter);
  const { setAnnotationFilter } = useReviewStore.getState();
  const id = useId();
  const detectors = [
    ...new Set(annotations.flatMap(({ annotation: a }) => (a.detector ? [a.detector] : []))),
  ];
  const whats: { value: string; label: string; what: NonNullable<AnnotationFilter['what']> }[] = [
    ...tags.map((t) => ({
      value: `tag:${t.id}`,
      label: t.label,
      what: { type: 'tag' as const, tagId: t.id },
    })),
    ...detectors.map((d) => ({
      value: `detector:${d}`,
      label: DETECTOR_LABELS[d],
      what: { type: 'detector' as const, detector: d },
    })),
  ];

  return (
    <fieldset className="friction__filters">
      <legend className="visually-hidden">Filter the friction</legend>
      <label htmlFor={`${id}-what`}>Tag</label>
      <select
        id={`${id}-what`}
        value={whatValue(filter.what)}
        onChange={(e) =>
          setAnnotationFilter({ what: whats.find((w) => w.value === e.target.value)?.what ?? null })
        }
      >
        <option value="">All</option>
        {whats.map((w) => (
          <option key={w.value} value={w.value}>
            {w.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-kind`}>Kind</label>
      <select
        id={`${id}-kind`}
        value={filter.kind}
        onChange={(e) =>
          setAnnotationFilter({ kind: KIND_VALUES.find((k) => k === e.target.value) ?? 'all' })
        }
      >
        {KIND_VALUES.map((kind) => (
          <option key={kind} value={kind}>
            {KINDS[kind]}
          </option>
        ))}
      </select>
      <fieldset className="friction__severities">
        <legend>Severity</legend>
        {([1, 2, 3] as const).map((severity) => (
          <label key={severity} className="annotation-form__choice">
            <input
              type="checkbox"
              checked={filter.severities.includes(severity)}
              onChange={(e) =>
                setAnnotationFilter({
                  severities: e.target.checked
                    ? [...filter.severities, severity]
                    : filter.severities.filter((s) => s !== severity),
                })
              }
            />
            {SEVERITY_LABELS[severity]}
          </label>
        ))}
      </fieldset>
      <label className="annotation-form__choice">
        <input
          type="checkbox"
          checked={filter.showDismissed}
          onChange={(e) => setAnnotationFilter({ showDismissed: e.target.checked })}
        />
        Show dismissed
      </label>
    </fieldset>
  );
}
