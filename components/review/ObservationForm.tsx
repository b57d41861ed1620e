import { useEffect, useState } from 'react';
import { formatDuration, formatUrlPath } from '@/lib/format';
import { AnnotationForm } from './AnnotationForm';
import { useReviewStore } from './review-store';
import type { FrictionTag } from '@/lib/contracts';

interface Props {
  ts: number;
  segmentId: string;
  tags: FrictionTag[];
  sessionStart: number;
}

/** The facilitator's own observation at the moment the player shows (key N). */
export function ObservationForm({ ts, segmentId, tags, sessionStart }: Props) {
  const page = useReviewStore((s) => s.segments.find((x) => x.segment.id === segmentId));
  const { addObservation, closeAnnotationForm } = useReviewStore.getState();
  const time = formatDuration(ts - sessionStart);
  // Where the reviewer was (N pressed there), to go back to once the form closes.
  const [opener] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    },
    [opener],
  );
  return (
    <AnnotationForm
      label={`New observation at ${time}`}
      heading={
        <p className="annotation-form__heading">
          New observation at <strong data-testid="observation-time">{time}</strong>
          {page && <> on {formatUrlPath(page.segment.url)}</>}
        </p>
      }
      tags={tags}
      initial={{ tagId: tags[0]?.id ?? '', severity: 1, note: '' }}
      submitLabel="Add observation"
      onCancel={closeAnnotationForm}
      onSubmit={addObservation}
    />
  );
}
