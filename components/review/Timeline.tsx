import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { tagsOf } from '@/lib/annotations';
import { formatDuration, formatUrlPath } from '@/lib/format';
import { keySeekTarget, REPLAY_SPEEDS } from '@/lib/replay';
import { TimelineMarkers } from './TimelineMarkers';
import { useReviewStore } from './review-store';
import './timeline.css';
import type { SessionRecord } from '@/lib/contracts';

/** Where a click on a marker or a page lands: a little before, to see what led to it. */
export const LEAD_IN_MS = 3_000;

/** The session's one timeline: play, speed, inactivity, the bar with its pages and friction markers. */
export function Timeline({ session }: { session: SessionRecord }) {
  const pieces = useReviewStore((s) => s.pieces);
  const segments = useReviewStore((s) => s.segments);
  const player = useReviewStore((s) => s.player);
  const { togglePlay, setSpeed, setSkipInactive, seekTo } = useReviewStore.getState();
  const track = useRef<HTMLDivElement>(null);
  const [preview, setPreview] = useState<number | null>(null);

  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (!player || !first || !last || !segments) return null;
  const range = { start: first.from, end: last.to };
  const duration = Math.max(1, range.end - range.start);
  const shown = preview ?? player.playhead;
  const fraction = (ts: number) => Math.min(1, Math.max(0, (ts - range.start) / duration));
  const tabNumbers = [...new Set(segments.map(({ segment }) => segment.tabId))];
  const current = segments.find(({ segment }) => segment.id === player.segmentId)?.segment;
  const tab = current ? tabNumbers.indexOf(current.tabId) + 1 : null;
  const where = current ? `${formatUrlPath(current.url)}, tab ${tab}` : '';

  const timeAt = (clientX: number) => {
    const box = track.current?.getBoundingClientRect();
    if (!box || box.width === 0) return range.start;
    return range.start + Math.min(1, Math.max(0, (clientX - box.left) / box.width)) * duration;
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setPreview(timeAt(event.clientX));
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (preview !== null) setPreview(timeAt(event.clientX));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (preview === null) return;
    setPreview(null);
    seekTo(timeAt(event.clientX), { play: player.playing });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === ' ') {
      event.preventDefault();
      togglePlay();
      return;
    }
    const target = keySeekTarget(event.key, player.playhead, range);
    if (target === null) return;
    event.preventDefault();
    seekTo(target, { play: player.playing });
  };

  return (
    <div className="timeline" role="group" aria-label="Replay controls">
      <div className="timeline__controls">
        <button
          type="button"
          className="button button--primary timeline__play"
          onClick={togglePlay}
          aria-label={player.playing ? 'Pause' : 'Play'}
        >
          <span aria-hidden="true">{player.playing ? '❚❚' : '▶'}</span>
          {player.playing ? 'Pause' : 'Play'}
        </button>
        <span className="timeline__clock">
          <time>{formatDuration(shown - range.start)}</time> / {formatDuration(duration)}
        </span>
        <div className="timeline__speeds" role="group" aria-label="Speed">
          {REPLAY_SPEEDS.map((speed) => (
            <button
              key={speed}
              type="button"
              className="timeline__speed"
              aria-pressed={player.speed === speed}
              onClick={() => setSpeed(speed)}
            >
              {speed}x
            </button>
          ))}
        </div>
        <label className="timeline__skip">
          <input
            type="checkbox"
            checked={player.skipInactive}
            onChange={(event) => setSkipInactive(event.target.checked)}
          />
          Skip inactivity
        </label>
      </div>
      <div className="timeline__bar">
        <div
          ref={track}
          className="timeline__track"
          role="slider"
          tabIndex={0}
          aria-label="Session time"
          aria-valuemin={0}
          aria-valuemax={Math.round(duration / 1_000)}
          aria-valuenow={Math.round((shown - range.start) / 1_000)}
          aria-valuetext={`${formatDuration(shown - range.start)} of ${formatDuration(duration)}${where && `, ${where}`}`}
          onKeyDown={onKeyDown}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setPreview(null)}
        >
          {pieces.map((piece) => {
            const segment = segments.find((s) => s.segment.id === piece.segmentId)?.segment;
            const number = segment ? tabNumbers.indexOf(segment.tabId) + 1 : 0;
            return (
              <span
                key={`${piece.segmentId}:${piece.from}`}
                className={`timeline__piece timeline__piece--tab${Math.min(number, 4)}`}
                style={{
                  left: `${fraction(piece.from) * 100}%`,
                  width: `${(fraction(piece.to) - fraction(piece.from)) * 100}%`,
                }}
              />
            );
          })}
          <span className="timeline__progress" style={{ width: `${fraction(shown) * 100}%` }} />
          <span className="timeline__thumb" style={{ left: `${fraction(shown) * 100}%` }} />
        </div>
        <TimelineMarkers
          tags={tagsOf(session)}
          start={session.startedAt}
          fraction={fraction}
          onChoose={(ts) => seekTo(ts - LEAD_IN_MS, { play: true })}
        />
      </div>
      <p className="timeline__now">
        {current ? (
          <>
            Now showing <span className="timeline__url">{formatUrlPath(current.url)}</span> · Tab{' '}
            {tab}
            {player.loading && <span className="muted"> · loading…</span>}
          </>
        ) : (
          'Nothing shown yet'
        )}
      </p>
    </div>
  );
}
