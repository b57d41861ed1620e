import { useEffect, useId, useRef } from 'react';
import { formatDuration, formatUrlPath } from '@/lib/format';
import { AnnotationForm } from './AnnotationForm';
import { SEVERITY_LABELS } from './AnnotationFields';
import { useReviewStore } from './review-store';
import type { ReviewAnnotation } from './annotations-slice';
import { DETECTOR_LABELS, type AnnotationRecord, type FrictionTag } from '@/lib/contracts';

interface Props {
  item: ReviewAnnotation;
  tags: FrictionTag[];
  sessionStart: number;
}

export function annotationLabel(a: AnnotationRecord, tags: FrictionTag[]): string {
  if (a.kind === 'auto') return a.detector ? DETECTOR_LABELS[a.detector] : 'Noticed';
  return tags.find((t) => t.id === a.tagId)?.label ?? a.tagId ?? 'Tag';
}

function madeBy(a: AnnotationRecord): string {
  if (a.kind === 'auto') return 'noticed automatically';
  return a.author === 'facilitator' ? 'observed by the facilitator' : 'tagged';
}

/** What a reviewer may dismiss: never a participant's own tag (see annotation-service.ts). */
function dismissLabel(a: AnnotationRecord): string | null {
  if (a.kind === 'auto') return 'False positive';
  return a.author === 'facilitator' ? 'Withdraw' : null;
}

/** One annotation: choosing it replays its moment; Edit opens its form below it. */
export function AnnotationItem({ item: { annotation: a, picture }, tags, sessionStart }: Props) {
  const editing = useReviewStore(
    (s) => s.annotationForm?.type === 'edit' && s.annotationForm.annotationId === a.id,
  );
  const { showAnnotation, editAnnotation, closeAnnotationForm, saveAnnotation } =
    useReviewStore.getState();
  const labelId = useId();
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    // Focus goes back where the form was opened from.
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const tag = tags.find((t) => t.id === a.tagId);
  const label = annotationLabel(a, tags);
  const time = formatDuration(a.ts - sessionStart);
  const dismiss = dismissLabel(a);

  return (
    <li className={a.dismissed ? 'friction__entry is-dismissed' : 'friction__entry'}>
      <button type="button" className="friction__item" onClick={() => showAnnotation(a.id)}>
        <span className="friction__time">{time}</span>
        <span className="friction__label" style={{ borderColor: tag?.color }}>
          <span id={labelId}>
            {label}
            <span className="visually-hidden"> at {time}</span>
          </span>
          <span className="friction__meta">
            {madeBy(a)} · {SEVERITY_LABELS[a.severity]} · {formatUrlPath(a.url)}
            {a.editedAt !== undefined && ' · edited'}
          </span>
          {a.dismissed && <span className="friction__badge">Dismissed</span>}
          {a.note && <span className="friction__note">{a.note}</span>}
        </span>
        {picture && (
          <img
            src={picture}
            alt={`The page at that moment: ${label}`}
            className="friction__picture"
          />
        )}
      </button>
      {editing ? (
        <AnnotationForm
          label={`Edit ${label} at ${time}`}
          tags={a.kind === 'manual' ? tags : null}
          initial={{ tagId: a.tagId ?? '', severity: a.severity, note: a.note }}
          submitLabel="Save"
          onCancel={closeAnnotationForm}
          onSubmit={async (values) => {
            const patch = {
              ...(a.kind === 'manual' && values.tagId !== a.tagId && { tagId: values.tagId }),
              ...(values.severity !== a.severity && { severity: values.severity }),
              ...(values.note.trim() !== a.note && { note: values.note }),
            };
            if (Object.keys(patch).length === 0) {
              closeAnnotationForm();
              return true;
            }
            return saveAnnotation(a.id, patch);
          }}
        />
      ) : (
        <div className="friction__actions">
          <button
            ref={editButton}
            type="button"
            className="button button--small"
            aria-describedby={labelId}
            onClick={() => editAnnotation(a.id)}
          >
            Edit
          </button>
          {dismiss && (
            <button
              type="button"
              className="button button--small"
              aria-describedby={labelId}
              onClick={() => void saveAnnotation(a.id, { dismissed: !a.dismissed })}
            >
              {a.dismissed ? 'Restore' : dismiss}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
