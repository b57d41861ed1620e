import { useEffect, useRef, useState } from 'react';
import { BUNDLE_EXTENSION } from '@/lib/export';
import { formatBytes, formatDuration } from '@/lib/sessions';
import type { SessionRecord } from '@/lib/storage';
import { download } from '@/components/shared/download';
import { FileImportButton } from '@/components/shared/FileImportButton';
import { AnnotationList } from './AnnotationList';
import { Player } from './Player';
import { useReviewStore } from './review-store';
import './review.css';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function ReviewApp() {
  const init = useReviewStore((s) => s.init);
  const notice = useReviewStore((s) => s.notice);
  const dismissNotice = useReviewStore((s) => s.dismissNotice);
  const selectedId = useReviewStore((s) => s.selectedId);
  useEffect(() => init(), [init]);

  return (
    <div className="review">
      <header className="review__header">
        <h1>Study Group · Sessions</h1>
        <Toolbar />
      </header>
      {notice && (
        <div
          role={notice.type === 'error' ? 'alert' : 'status'}
          className={`notice notice--${notice.type === 'error' ? 'error' : 'info'}`}
        >
          <span>{notice.text}</span>
          <button type="button" className="link" onClick={dismissNotice}>
            Dismiss
          </button>
        </div>
      )}
      <SessionTable />
      {selectedId && <SessionDetail key={selectedId} />}
    </div>
  );
}

function Toolbar() {
  const checked = useReviewStore((s) => s.checked);
  const busy = useReviewStore((s) => s.busy);
  const { exportChecked, importFile } = useReviewStore.getState();

  return (
    <div className="toolbar">
      <button
        type="button"
        className="button button--primary"
        disabled={busy || checked.length === 0}
        title={checked.length === 0 ? 'Tick the sessions to export' : undefined}
        onClick={async () => {
          const file = await exportChecked();
          if (file) download(file.blob, file.fileName);
        }}
      >
        Export bundle
      </button>
      <FileImportButton
        label="Import bundle"
        accept={`${BUNDLE_EXTENSION},.gz,.json`}
        testId="import-input"
        disabled={busy}
        onFile={(file) => void importFile(file)}
      />
    </div>
  );
}

function SessionTable() {
  const sessions = useReviewStore((s) => s.sessions);
  const loaded = useReviewStore((s) => s.loaded);
  const checked = useReviewStore((s) => s.checked);
  const selectedId = useReviewStore((s) => s.selectedId);
  const { toggleChecked, setAllChecked, select } = useReviewStore.getState();

  if (!loaded) return <p className="muted">Loading sessions…</p>;
  if (sessions.length === 0) {
    return (
      <p className="empty">
        No sessions yet. Start one from the Study Group toolbar button, or import a bundle a
        participant sent you.
      </p>
    );
  }
  const allChecked = checked.length === sessions.length;
  return (
    <table className="sessions">
      <caption className="visually-hidden">Recorded sessions</caption>
      <thead>
        <tr>
          <th scope="col">
            <input
              type="checkbox"
              aria-label="Select all sessions"
              checked={allChecked}
              onChange={() => setAllChecked(!allChecked)}
            />
          </th>
          <th scope="col">Title</th>
          <th scope="col">Participant</th>
          <th scope="col">Date</th>
          <th scope="col">Duration</th>
          <th scope="col">Pages</th>
          <th scope="col">Size on disk</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id} className={s.id === selectedId ? 'is-selected' : undefined}>
            <td>
              <input
                type="checkbox"
                aria-label={`Select ${s.title}`}
                checked={checked.includes(s.id)}
                onChange={() => toggleChecked(s.id)}
              />
            </td>
            <td>
              <button
                type="button"
                className="link"
                onClick={() => void select(s.id)}
                aria-current={s.id === selectedId}
              >
                {s.title}
              </button>
            </td>
            <td>{s.participant || '—'}</td>
            <td>{dateFormat.format(s.startedAt)}</td>
            <td>{formatDuration(s.activeMs)}</td>
            <td>{s.stats.pages}</td>
            <td>{formatBytes(s.stats.bytes)}</td>
            <td>
              <StatusLabel session={s} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StatusLabel({ session }: { session: SessionRecord }) {
  if (session.status !== 'ended') return <>{session.status}</>;
  if (session.endReason?.type === 'storage-full') return <>stopped: storage full</>;
  return <>ended</>;
}

function SessionDetail() {
  const selectedId = useReviewStore((s) => s.selectedId);
  const session = useReviewStore((s) => s.sessions.find((x) => x.id === s.selectedId));
  const segments = useReviewStore((s) => s.segments);
  const segmentIndex = useReviewStore((s) => s.segmentIndex);
  const seek = useReviewStore((s) => s.seek);
  const { selectSegment, remove } = useReviewStore.getState();
  const [confirming, setConfirming] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (confirming) dialog.current?.showModal();
    else dialog.current?.close();
  }, [confirming]);

  if (!session || !selectedId) return null;
  const current = segments[segmentIndex];
  const tabNumbers = [...new Set(segments.map(({ segment }) => segment.tabId))];

  return (
    <section className="detail" aria-labelledby="detail-title">
      <div className="detail__head">
        <h2 id="detail-title">{session.title}</h2>
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
          Delete
        </button>
      </div>
      <div className="detail__body">
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
                <span className="segment__url">{new URL(segment.url).pathname}</span>
                <span className="segment__tab">Tab {tabNumbers.indexOf(segment.tabId) + 1}</span>
              </button>
            </li>
          ))}
        </ol>
        <div className="detail__player">
          {current ? (
            <Player
              key={current.segment.id}
              events={current.events}
              seek={seek}
              onFinish={() => segmentIndex + 1 < segments.length && selectSegment(segmentIndex + 1)}
            />
          ) : (
            <p className="muted">
              {segments.length === 0 ? 'Loading the recording…' : 'Nothing to replay.'}
            </p>
          )}
        </div>
      </div>
      <AnnotationList session={session} />
      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby="confirm-title"
        onClose={() => setConfirming(false)}
      >
        <h3 id="confirm-title">Delete “{session.title}”?</h3>
        <p>
          Its recording and everything noted in it are removed from this browser. This cannot be
          undone.
        </p>
        <div className="row">
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              setConfirming(false);
              void remove(session.id);
            }}
          >
            Delete session
          </button>
        </div>
      </dialog>
    </section>
  );
}
