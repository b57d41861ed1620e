import { useId } from 'react';
import { MAX_NOTE_CHARS } from '@/lib/annotations';
import type { FrictionTag, Severity } from '@/lib/contracts';

export const SEVERITY_LABELS = { 1: 'minor', 2: 'major', 3: 'blocker' } as const;

export interface AnnotationValues {
  tagId: string;
  severity: Severity;
  note: string;
}

interface Props {
  /** The tags to choose from; null where the tag cannot change (what a detector noticed). */
  tags: FrictionTag[] | null;
  values: AnnotationValues;
  onChange(values: AnnotationValues): void;
}

/** Tag, severity and note: the fields of an edit and of a new observation. */
export function AnnotationFields({ tags, values, onChange }: Props) {
  const id = useId();
  const known = tags?.some((t) => t.id === values.tagId) ?? true;
  return (
    <>
      {tags && (
        <label>
          Tag
          <select
            value={values.tagId}
            onChange={(e) => onChange({ ...values, tagId: e.target.value })}
          >
            {!known && <option value={values.tagId}>{values.tagId}</option>}
            {tags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <fieldset className="annotation-form__severity">
        <legend>Severity</legend>
        {([1, 2, 3] as const).map((severity) => (
          <label key={severity} className="annotation-form__choice">
            <input
              type="radio"
              name={`${id}-severity`}
              checked={values.severity === severity}
              onChange={() => onChange({ ...values, severity })}
            />
            {SEVERITY_LABELS[severity]}
          </label>
        ))}
      </fieldset>
      <label>
        Note
        <textarea
          rows={3}
          maxLength={MAX_NOTE_CHARS}
          value={values.note}
          onChange={(e) => onChange({ ...values, note: e.target.value })}
        />
      </label>
    </>
  );
}
