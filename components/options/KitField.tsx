import type { ComponentProps, ReactNode } from 'react';
import type { KitDraft } from '@/lib/studies';

export interface KitRowsProps {
  draft: KitDraft;
  /** The message of the first error on a field, if any. */
  errorFor(field: string): string | undefined;
}

interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * A label, its control, a hint and an error. The hint and error sit outside
 * the label so they do not become part of the control's name; they are tied
 * to it by aria-describedby instead. In list rows the row shows the error
 * (`errorInRow`), across its whole width, with the same id.
 */
export function Field(props: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  errorInRow?: boolean;
  className?: string;
  children(control: ControlProps): ReactNode;
}) {
  const { id, label, hint, error } = props;
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ');
  return (
    <div className={props.className ? `field ${props.className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {props.children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {error && !props.errorInRow && <FieldError id={id} error={error} />}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}

function FieldError({ id, error }: { id: string; error: string }) {
  return (
    <span id={`${id}-error`} className="field-error">
      {error}
    </span>
  );
}

/** The errors of a list row's fields, below the row. */
export function RowErrors({ errors }: { errors: [id: string, error: string | undefined][] }) {
  const shown = errors.filter((e): e is [string, string] => e[1] !== undefined);
  if (!shown.length) return null;
  return (
    <div className="item__errors">
      {shown.map(([id, error]) => (
        <FieldError key={id} id={id} error={error} />
      ))}
    </div>
  );
}

/** A label's text with a prefix only screen readers hear, e.g. "Task 2" before "Title". */
export const scoped = (scope: string, text: string) => (
  <>
    <span className="visually-hidden">{scope} </span>
    {text}
  </>
);

/**
 * A one-line text that wraps onto as many lines as it needs, so a long task
 * title is read whole: Enter adds no line break and pasted ones become spaces.
 */
export function OneLine({
  onChange,
  ...props
}: Omit<ComponentProps<'textarea'>, 'onChange' | 'rows'> & { onChange(value: string): void }) {
  return (
    <textarea
      {...props}
      rows={1}
      className="one-line"
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.preventDefault();
      }}
      onChange={(e) => onChange(e.target.value.replace(/[\r\n]+/g, ' '))}
    />
  );
}
