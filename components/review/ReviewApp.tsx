import { useEffect } from 'react';
import { BUNDLE_EXTENSION } from '@/lib/export';
import { download } from '@/components/shared/download';
import { ErrorBoundary } from '@/components/shared/ErrorBoundary';
import { FileImportButton } from '@/components/shared/FileImportButton';
import { DeleteSession } from './DeleteSession';
import { SessionDetail } from './SessionDetail';
import { ImportDropZone, StudyImport } from './StudyImport';
import { StudyNav } from './StudyNav';
import { StudyWorkspace } from './StudyWorkspace';
import { useReviewStore } from './review-store';
import { useStudies } from './study-selectors';
import './review.css';
import './studies.css';

export function ReviewApp() {
  const init = useReviewStore((s) => s.init);
  const notice = useReviewStore((s) => s.notice);
  const dismissNotice = useReviewStore((s) => s.dismissNotice);
  const selectedId = useReviewStore((s) => s.selectedId);
  useEffect(() => init(), [init]);

  return (
    <ImportDropZone>
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
        <StudyImport />
        <ErrorBoundary what="The studies">
          <Studies />
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
    </ImportDropZone>
  );
}

function Toolbar() {
  const checked = useReviewStore((s) => s.checked);
  const busy = useReviewStore((s) => s.busy);
  const { exportChecked, importFiles } = useReviewStore.getState();

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
        multiple
        onFiles={(files) => void importFiles(files)}
      />
    </div>
  );
}

function Studies() {
  const loaded = useReviewStore((s) => s.loaded);
  const { studies, current } = useStudies();

  if (!loaded) return <p className="muted">Loading sessions…</p>;
  if (!current) {
    return (
      <p className="empty">
        No sessions yet. Start one from the Study Group toolbar button, or import bundles a
        participant sent you (pick several, or drop them on this page).
      </p>
    );
  }
  return (
    <div className="studies">
      <StudyNav studies={studies} current={current} />
      <StudyWorkspace study={current} />
    </div>
  );
}
