import { formatDuration, formatUrlPath } from '@/lib/format';
import { ErrorBoundary } from '@/components/shared/ErrorBoundary';
import { AnnotationList } from './AnnotationList';
import { Player } from './Player';
import { DeleteSession } from './DeleteSession';
import { useReviewStore } from './review-store';
import type { SessionRecord } from '@/lib/contracts';

/** The selected session: its pages, replay and friction. */
export function SessionDetail() {
  const selectedId = useReviewStore((s) => s.selectedId);
  const session = useReviewStore((s) => s.sessions.find((x) => x.id === s.selectedId));
  const segments = useReviewStore((s) => s.segments);
  const segmentIndex = useReviewStore((s) => s.segmentIndex);
  const seek = useReviewStore((s) => s.seek);
  const { selectSegment } = useReviewStore.getState();

  if (!session || !selectedId) return null;
  const current = segments[segmentIndex];

  return (
    <section className="detail" aria-labelledby="detail-title">
      <div className="detail__head">
        <h2 id="detail-title">{session.title}</h2>
        <DeleteSession id={session.id} title={`“${session.title}”`} />
      </div>
      <div className="detail__body">
        <ErrorBoundary what="The list of pages" resetKey={segments}>
          <SegmentList session={session} />
        </ErrorBoundary>
        <div className="detail__player">
          {current ? (
            <ErrorBoundary key={current.segment.id} what="The replay">
              <Player
                key={current.segment.id}
                events={current.events}
                seek={seek}
                onFinish={() =>
                  segmentIndex + 1 < segments.length && selectSegment(segmentIndex + 1)
                }
              />
            </ErrorBoundary>
          ) : (
            <p className="muted">
              {segments.length === 0 ? 'Loading the recording…' : 'Nothing to replay.'}
            </p>
          )}
        </div>
      </div>
      <ErrorBoundary what="The friction noted" resetKey={session}>
        <AnnotationList session={session} />
      </ErrorBoundary>
    </section>
  );
}

function SegmentList({ session }: { session: SessionRecord }) {
  const segments = useReviewStore((s) => s.segments);
  const segmentIndex = useReviewStore((s) => s.segmentIndex);
  const { selectSegment } = useReviewStore.getState();
  const tabNumbers = [...new Set(segments.map(({ segment }) => segment.tabId))];
  return (
    <ol className="segments" aria-label="Pages in this session">
      {segments.map(({ segment }, i) => (
        <li key={segment.id}>
          <button
            type="button"
            className={i === segmentIndex ? 'segment is-current' : 'segment'}
            aria-current={i === segmentIndex}
            onClick={() => selectSegment(i)}
          >
            <span className="segment__time">
              {formatDuration(segment.startedAt - session.startedAt)}
            </span>
            <span className="segment__url">{formatUrlPath(segment.url)}</span>
            <span className="segment__tab">Tab {tabNumbers.indexOf(segment.tabId) + 1}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
