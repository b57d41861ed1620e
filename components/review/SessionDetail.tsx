import { formatDuration, formatUrlPath } from '@/lib/format';
import { ErrorBoundary } from '@/components/shared/ErrorBoundary';
import { AnnotationList } from './AnnotationList';
import { Player } from './Player';
import { Timeline } from './Timeline';
import { DeleteSession } from './DeleteSession';
import { SessionOfflineReplay } from './OfflineReplayExport';
import { useReviewStore } from './review-store';
import type { SessionRecord } from '@/lib/contracts';

/** The selected session: its pages, replay on one timeline, and friction. */
export function SessionDetail() {
  const selectedId = useReviewStore((s) => s.selectedId);
  const session = useReviewStore((s) => s.sessions.find((x) => x.id === s.selectedId));
  const segments = useReviewStore((s) => s.segments);
  const pieces = useReviewStore((s) => s.pieces);

  if (!session || !selectedId) return null;

  return (
    <section className="detail" aria-labelledby="detail-title">
      <div className="detail__head">
        <h2 id="detail-title">{session.title}</h2>
        <div className="row">
          {pieces.length > 0 && <SessionOfflineReplay key={session.id} session={session} />}
          <DeleteSession id={session.id} title={`“${session.title}”`} />
        </div>
      </div>
      <div className="detail__body">
        <div className="detail__main">
          <div className="detail__player">
            {pieces.length > 0 ? (
              <ErrorBoundary key={selectedId} what="The replay">
                <Player />
                <Timeline session={session} />
              </ErrorBoundary>
            ) : (
              <p className="muted">
                {segments === null ? 'Loading the recording…' : 'Nothing to replay.'}
              </p>
            )}
          </div>
          <ErrorBoundary what="The list of pages" resetKey={segments}>
            <SegmentList session={session} />
          </ErrorBoundary>
        </div>
        {/* Beside the player: choosing one plays its moment while the list stays in view. */}
        <div className="detail__side">
          <ErrorBoundary what="The friction noted" resetKey={session}>
            <AnnotationList session={session} />
          </ErrorBoundary>
        </div>
      </div>
    </section>
  );
}

/** Every page load, to jump to; the one shown now is marked. */
function SegmentList({ session }: { session: SessionRecord }) {
  const segments = useReviewStore((s) => s.segments) ?? [];
  const shown = useReviewStore((s) => s.player?.segmentId ?? null);
  const { seekTo } = useReviewStore.getState();
  const tabNumbers = [...new Set(segments.map(({ segment }) => segment.tabId))];
  return (
    <ol className="segments" aria-label="Pages in this session">
      {segments.map(({ segment }) => (
        <li key={segment.id}>
          <button
            type="button"
            className={segment.id === shown ? 'segment is-current' : 'segment'}
            aria-current={segment.id === shown}
            onClick={() => seekTo(segment.startedAt)}
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
