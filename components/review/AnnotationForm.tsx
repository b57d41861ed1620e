import { useEffect, useRef, useState, type ReactNode } from 'react';
import { AnnotationFields, type AnnotationValues } from './AnnotationFields';
import type { FrictionTag } from '@/lib/contracts';

interface Props {
  /** Names the form for assistive technology: "Edit Stuck at 00:12". */
  label: string;
  heading?: ReactNode;
  tags: FrictionTag[] | null;
  initial: AnnotationValues;
  submitLabel: string;
  /** Resolves true when saved (the form then closes); false keeps it open with the error shown. */
  onSubmit(values: AnnotationValues): Promise<boolean>;
  onCancel(): void;
}

/**
 * The small form of an edit or an observation: it takes focus when it opens,
 * Escape cancels it, Ctrl+Enter (or the button) saves.
 */
export function AnnotationForm({
  label,
  heading,
  tags,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: Props) {
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(initial);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    form.current?.querySelector<HTMLElement>('select, input:checked, textarea')?.focus();
  }, []);

  return (
    <form
      ref={form}
      className="annotation-form"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          form.current?.requestSubmit();
        }
      }}
      onSubmit={async (e) => {
        e.preventDefault();
        setSaving(true);
        const saved = await onSubmit(values);
        // A saved form is gone by now.
        if (!saved) setSaving(false);
      }}
    >
      {heading}
      <AnnotationFields tags={tags} values={values} onChange={setValues} />
      <div className="annotation-form__buttons">
        <button type="submit" className="button button--primary" disabled={saving}>
          {submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
