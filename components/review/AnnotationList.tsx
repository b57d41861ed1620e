import { useEffect } from 'react';
import { matchesFilter, tagsOf } from '@/lib/annotations';
import { AnnotationFilters } from './AnnotationFilters';
import { AnnotationItem } from './AnnotationItem';
import { ObservationForm } from './ObservationForm';
import { useReviewStore } from './review-store';
import './annotations.css';
import type { SessionRecord } from '@/lib/contracts';

/** Where a key press is text being typed, not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.closest('input, textarea, select') !== null)
  );
}

/** N adds an observation at the moment shown, unless the reviewer is typing or a dialog is open. */
function useObservationKey() {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'n' || event.repeat || event.defaultPrevented) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      if (useReviewStore.getState().startObservation()) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/**
 * The session's friction in time order: choosing one replays its moment;
 * the reviewer filters, edits and dismisses them, and adds observations.
 */
export function AnnotationList({ session }: { session: SessionRecord }) {
  const annotations = useReviewStore((s) => s.annotations);
  const filter = useReviewStore((s) => s.annotationFilter);
  const form = useReviewStore((s) => s.annotationForm);
  const error = useReviewStore((s) => s.annotationError);
  const canObserve = useReviewStore((s) => s.segments.length > 0);
  const { startObservation } = useReviewStore.getState();
  useObservationKey();
  const tags = tagsOf(session);
  const shown = annotations.filter(({ annotation }) => matchesFilter(annotation, filter));

  return (
    <section aria-labelledby="friction-title" className="friction">
      <div className="friction__head">
        <h3 id="friction-title">Friction noted ({annotations.length})</h3>
        <button
          type="button"
          className="button button--small"
          aria-keyshortcuts="N"
          disabled={!canObserve}
          onClick={startObservation}
        >
          Add observation <kbd>N</kbd>
        </button>
      </div>
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      {form?.type === 'observe' && (
        <ObservationForm
          key={form.ts}
          ts={form.ts}
          segmentId={form.segmentId}
          tags={tags}
          sessionStart={session.startedAt}
        />
      )}
      {annotations.length === 0 ? (
        <p className="muted">No friction noted in this session.</p>
      ) : (
        <>
          <AnnotationFilters annotations={annotations} tags={tags} />
          <p className="muted" role="status">
            Showing {shown.length} of {annotations.length}
          </p>
          <ol className="friction__list">
            {shown.map((item) => (
              <AnnotationItem
                key={item.annotation.id}
                item={item}
                tags={tags}
                sessionStart={session.startedAt}
              />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
