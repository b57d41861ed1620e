import { useEffect, useState } from 'react';
import { ErrorBoundary } from '@/components/shared/ErrorBoundary';
import { FileImportButton } from '@/components/shared/FileImportButton';
import { formatDateTime, plural } from '@/lib/format';
import { ConfirmDialog } from '@/components/shared/ConfirmDialog';
import { KitEditor } from './KitEditor';
import { ParticipantView } from './ParticipantView';
import { useOptionsStore } from './options-store';
import { tryMatchSelector } from './try-match';
import { KIT_EXTENSION, type StudyKit } from '@/lib/contracts';

export function StudiesSection() {
  const watchStudies = useOptionsStore((s) => s.watchStudies);
  const notice = useOptionsStore((s) => s.studiesNotice);
  const busy = useOptionsStore((s) => s.studiesBusy);
  const dirty = useOptionsStore((s) => s.draftDirty);
  const draftId = useOptionsStore((s) => s.draft?.id);
  const view = useOptionsStore((s) => s.studyView);
  const { newStudy, openStudy, importKitFile, dismissStudiesNotice } = useOptionsStore.getState();
  // What to do once the user agrees to drop unsaved edits.
  const [pending, setPending] = useState<(() => void) | null>(null);
  useEffect(() => watchStudies(), [watchStudies]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const guard = (action: () => void) => (dirty ? setPending(() => action) : action());

  return (
    <section aria-labelledby="studies-title" className="card">
      <div className="section-head">
        <h2 id="studies-title" tabIndex={-1}>
          Studies
        </h2>
        <div className="toolbar">
          <button type="button" className="button" onClick={() => guard(newStudy)}>
            New study
          </button>
          <FileImportButton
            label="Import kit"
            accept={`${KIT_EXTENSION},.json,application/json`}
            testId="kit-import-input"
            disabled={busy}
            onFile={(file) => void importKitFile(file, tryMatchSelector)}
          />
        </div>
      </div>
      <p className="muted">
        A study kit is the role-play every participant plays: the customer’s situation, their goal,
        the tasks, the ground rules and the friction tags they mark moments with. Export a kit to
        share it with the other facilitators.
      </p>
      {notice && (
        <div
          role={notice.type === 'error' ? 'alert' : 'status'}
          className={`notice notice--dismissible notice--${notice.type === 'error' ? 'error' : 'info'}`}
        >
          <span>{notice.text}</span>
          <button type="button" className="link" onClick={dismissStudiesNotice}>
            Dismiss
          </button>
        </div>
      )}
      <StudyList openId={draftId} onOpen={(id) => guard(() => openStudy(id))} />
      {draftId && (
        <ErrorBoundary key={`${draftId}:${view}`} what="This study">
          {view === 'participant' ? <ParticipantView /> : <KitEditor />}
        </ErrorBoundary>
      )}
      <ConfirmDialog
        open={pending !== null}
        title="Discard unsaved changes?"
        confirmLabel="Discard changes"
        cancelLabel="Keep editing"
        danger
        onConfirm={() => {
          pending?.();
          setPending(null);
        }}
        onCancel={() => setPending(null)}
      >
        <p>The study open below has changes that are not saved.</p>
      </ConfirmDialog>
    </section>
  );
}

function StudyList({ openId, onOpen }: { openId?: string; onOpen(id: string): void }) {
  const studies = useOptionsStore((s) => s.studies);
  const loaded = useOptionsStore((s) => s.studiesLoaded);

  if (!loaded) return <p className="muted">Loading studies…</p>;
  if (studies.length === 0) {
    return (
      <p className="empty">
        No studies yet. Create one with “New study”, or import a kit another facilitator sent you.
      </p>
    );
  }
  return (
    <ul className="study-list" aria-label="Saved studies">
      {studies.map((study) => (
        <li key={study.id}>
          <ErrorBoundary what="This study" resetKey={study}>
            <StudyItem study={study} open={study.id === openId} onOpen={onOpen} />
          </ErrorBoundary>
        </li>
      ))}
    </ul>
  );
}

function StudyItem({
  study,
  open,
  onOpen,
}: {
  study: StudyKit;
  open: boolean;
  onOpen(id: string): void;
}) {
  return (
    <button
      type="button"
      className={open ? 'study-item is-open' : 'study-item'}
      aria-current={open ? 'true' : undefined}
      onClick={() => onOpen(study.id)}
    >
      <span className="study-item__title">{study.title}</span>
      {study.status === 'draft' && <span className="badge badge--draft">Draft</span>}
      <span className="study-item__meta">
        {plural(study.tasks.length, 'task')} · updated {formatDateTime(study.updatedAt)}
      </span>
    </button>
  );
}
