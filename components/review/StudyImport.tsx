import { useState, type DragEvent, type ReactNode } from 'react';
import type { ImportResult } from '@/lib/export';
import { plural } from '@/lib/format';
import { useReviewStore } from './review-store';
import type { FileImportState, ImportRun } from './sessions-slice';

/** What became of one file, in words (read by people and by the e2e tests). */
function resultText(result: ImportResult): string {
  if (result.type === 'error') return `Rejected: ${result.message}`;
  const parts = [];
  if (result.imported.length)
    parts.push(
      `Imported ${plural(result.imported.length, 'session')}: ${result.imported.join(', ')}.`,
    );
  if (result.skipped.length) parts.push(`Already here, skipped: ${result.skipped.join(', ')}.`);
  if (result.overrides) parts.push(`${plural(result.overrides, 'findings decision')} added.`);
  if (!parts.length) parts.push('The bundle holds no sessions.');
  return parts.join(' ');
}

function fileFraction(state: FileImportState): number {
  if (state.type === 'done') return 1;
  return state.type === 'importing' ? state.progress.fraction : 0;
}

const STAGES = {
  reading: 'reading',
  checking: 'checking',
  preparing: 'preparing pages',
  writing: 'saving',
} as const;

/** The import under way (a progress bar) or its outcome, one line per file. */
export function StudyImport() {
  const run = useReviewStore((s) => s.importRun);
  const { dismissNotice } = useReviewStore.getState();
  if (!run) return null;
  if (run.running) return <ImportProgressBar run={run} />;
  const results = run.files.flatMap((f) =>
    f.state.type === 'done' ? [{ name: f.name, result: f.state.result }] : [],
  );
  const rejected = results.filter((r) => r.result.type === 'error').length;
  const allRejected = rejected === results.length;
  return (
    <div
      role={allRejected ? 'alert' : 'status'}
      className={`notice notice--${allRejected ? 'error' : 'info'} import-results`}
    >
      <div>
        <p className="import-results__summary">
          {results.length === 1
            ? `${results[0]!.name}: ${resultText(results[0]!.result)}`
            : `${plural(results.length, 'file')}: ${results.length - rejected} imported, ${rejected} rejected.`}
        </p>
        {results.length > 1 && (
          <ul className="import-results__files" aria-label="Imported files">
            {results.map(({ name, result }, i) => (
              <li key={i} className={result.type === 'error' ? 'is-rejected' : undefined}>
                <strong>{name}</strong> — {resultText(result)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="link" onClick={dismissNotice}>
        Dismiss
      </button>
    </div>
  );
}

function ImportProgressBar({ run }: { run: ImportRun }) {
  const total = run.files.length;
  const done = run.files.reduce((n, f) => n + fileFraction(f.state), 0);
  const currentIndex = run.files.findIndex((f) => f.state.type !== 'done');
  const current = run.files[currentIndex];
  const stage =
    current?.state.type === 'importing' ? STAGES[current.state.progress.stage] : 'waiting';
  return (
    <section className="import-progress" aria-label="Import">
      <label htmlFor="import-progress-bar">
        {current
          ? `Importing file ${currentIndex + 1} of ${total}: ${current.name} (${stage})`
          : 'Finishing the import'}
      </label>
      <progress id="import-progress-bar" max={1} value={done / total} />
    </section>
  );
}

/** Bundle files dropped anywhere on the page are imported like picked ones. */
export function ImportDropZone({ children }: { children: ReactNode }) {
  const [over, setOver] = useState(false);
  const busy = useReviewStore((s) => s.busy);
  const { importFiles } = useReviewStore.getState();
  const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');
  return (
    <div
      className={`drop-zone${over ? ' is-over' : ''}`}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = busy ? 'none' : 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(false);
        if (!busy) void importFiles([...e.dataTransfer.files]);
      }}
    >
      {children}
      {over && (
        <div className="drop-zone__hint" aria-hidden="true">
          Drop bundle files to import them
        </div>
      )}
    </div>
  );
}
