import { tagsOf } from '@/lib/annotations';
import { formatDuration, formatUrlPath } from '@/lib/format';
import { useReviewStore } from './review-store';
import { DETECTOR_LABELS, type SessionRecord } from '@/lib/contracts';

const SEVERITY = { 1: 'minor', 2: 'major', 3: 'blocker' } as const;

/** The session's friction, in time order; choosing one shows its moment in the replay. */
export function AnnotationList({ session }: { session: SessionRecord }) {
  const annotations = useReviewStore((s) => s.annotations);
  const showAnnotation = useReviewStore((s) => s.showAnnotation);
  const tags = tagsOf(session);
  if (annotations.length === 0) return <p className="muted">No friction noted in this session.</p>;

  return (
    <section aria-labelledby="friction-title" className="friction">
      <h3 id="friction-title">Friction noted ({annotations.length})</h3>
      <ol className="friction__list">
        {annotations.map(({ annotation: a, picture }) => {
          const tag = tags.find((t) => t.id === a.tagId);
          const label =
            a.kind === 'auto' ? a.detector && DETECTOR_LABELS[a.detector] : (tag?.label ?? a.tagId);
          return (
            <li key={a.id}>
              <button type="button" className="friction__item" onClick={() => showAnnotation(a.id)}>
                <span className="friction__time">{formatDuration(a.ts - session.startedAt)}</span>
                <span className="friction__label" style={{ borderColor: tag?.color }}>
                  {label}
                  <span className="friction__meta">
                    {a.kind === 'auto' ? 'noticed automatically' : 'tagged'} ·{' '}
                    {SEVERITY[a.severity]} · {formatUrlPath(a.url)}
                  </span>
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
            </li>
          );
        })}
      </ol>
    </section>
  );
}
