import { useEffect } from 'react';
import { BUNDLE_EXTENSION } from '@/lib/export';
import { formatBytes, formatDateTime, formatDuration } from '@/lib/format';
import { download } from '@/components/shared/download';
import { ErrorBoundary } from '@/components/shared/ErrorBoundary';
import { FileImportButton } from '@/components/shared/FileImportButton';
import { DeleteSession } from './DeleteSession';
import { FindingsWorkspace } from './FindingsWorkspace';
import { SessionDetail } from './SessionDetail';
import { useReviewStore } from './review-store';
import './review.css';
import type { SessionRecord } from '@/lib/contracts';

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
      <ErrorBoundary what="The session list">
        <SessionTable />
      </ErrorBoundary>
      <ErrorBoundary what="The studies">
        <FindingsWorkspace />
      </ErrorBoundary>
      {selectedId && (
        <ErrorBoundary
          key={selectedId}
          what="This session"
          fallback={(message) => (
            <section className="detail" aria-label="Selected session">
              <div className="detail__head">
                <p role="alert" className="notice notice--error">
                  {message}
                </p>
                <DeleteSession id={selectedId} title="this session" />
              </div>
            </section>
          )}
        >
          <SessionDetail />
        </ErrorBoundary>
      )}
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
  const { setAllChecked } = useReviewStore.getState();

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
          <ErrorBoundary
            key={s.id}
            what="This session"
            resetKey={s}
            fallback={(message) => <BrokenRow id={s.id} message={message} />}
          >
            <SessionRow session={s} />
          </ErrorBoundary>
        ))}
      </tbody>
    </table>
  );
}

function SessionRow({ session: s }: { session: SessionRecord }) {
  const checked = useReviewStore((x) => x.checked.includes(s.id));
  const selected = useReviewStore((x) => x.selectedId === s.id);
  const { toggleChecked, select } = useReviewStore.getState();
  return (
    <tr className={selected ? 'is-selected' : undefined}>
      <td>
        <input
          type="checkbox"
          aria-label={`Select ${s.title}`}
          checked={checked}
          onChange={() => toggleChecked(s.id)}
        />
      </td>
      <td>
        <button
          type="button"
          className="link"
          onClick={() => void select(s.id)}
          aria-current={selected}
        >
          {s.title}
        </button>
      </td>
      <td>{s.participant || '—'}</td>
      <td>{formatDateTime(s.startedAt)}</td>
      <td>{formatDuration(s.activeMs)}</td>
      <td>{s.stats.pages}</td>
      <td>{formatBytes(s.stats.bytes)}</td>
      <td>
        <StatusLabel session={s} />
      </td>
    </tr>
  );
}

/** A session whose row cannot be drawn can still be exported, opened and deleted. */
function BrokenRow({ id, message }: { id: string; message: string }) {
  const checked = useReviewStore((x) => x.checked.includes(id));
  const { toggleChecked, select } = useReviewStore.getState();
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          aria-label={`Select session ${id}`}
          checked={checked}
          onChange={() => toggleChecked(id)}
        />
      </td>
      <td colSpan={7}>
        <span role="alert">{message}</span>{' '}
        <button type="button" className="link" onClick={() => void select(id)}>
          Open session {id}
        </button>
      </td>
    </tr>
  );
}

function StatusLabel({ session }: { session: SessionRecord }) {
  if (session.status !== 'ended') return <>{session.status}</>;
  if (session.endReason?.type === 'storage-full') return <>stopped: storage full</>;
  return <>ended</>;
}
