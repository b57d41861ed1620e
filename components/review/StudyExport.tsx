import { useState } from 'react';
import { studyMetrics } from '@/lib/metrics';
import {
  annotationsCsv,
  findingsCsv,
  studyExportFileName,
  studyReport,
  studyReportZip,
  type StudyExportKind,
} from '@/lib/reports';
import { download } from '@/components/shared/download';
import { plural } from '@/lib/format';
import { StudyBundleExport } from './OfflineReplayExport';
import { reviewDb as db } from './review-db';
import { useReviewStore } from './review-store';
import type { StudyBoard } from './findings-slice';

const EXPORTS = [
  { kind: 'findings-csv', label: 'Findings (CSV)' },
  { kind: 'annotations-csv', label: 'Annotations (CSV)' },
  { kind: 'report-zip', label: 'Report (Markdown .zip)' },
] as const satisfies readonly { kind: StudyExportKind; label: string }[];

async function fileOf(board: StudyBoard, kind: StudyExportKind): Promise<Blob> {
  const csv = (text: string) => new Blob([text], { type: 'text/csv;charset=utf-8' });
  if (kind === 'findings-csv') return csv(findingsCsv(board));
  if (kind === 'annotations-csv') return csv(annotationsCsv(board));
  const screenshots = await db.screenshots
    .where('sessionId')
    .anyOf(board.sessions.map((s) => s.id))
    .toArray();
  const report = studyReport({
    ...board,
    metrics: studyMetrics(board.sessions, board.annotations, board.timeline),
    screenshots,
    exportedAt: Date.now(),
  });
  return new Blob([studyReportZip(report) as BlobPart], { type: 'application/zip' });
}

/**
 * The board narrowed to the ticked findings and their annotations; the
 * participants and metrics stay the whole study's ("2 of 6" keeps its 6).
 */
export function selectedBoard(board: StudyBoard, selection: readonly string[]): StudyBoard {
  const chosen = new Set(selection);
  const findings = board.findings.filter((f) => chosen.has(f.id));
  if (findings.length === 0) return board;
  const annotationIds = new Set(findings.flatMap((f) => f.annotationIds));
  return {
    ...board,
    findings,
    annotations: board.annotations.filter((a) => annotationIds.has(a.id)),
  };
}

/** The study's findings and annotations as spreadsheets, and its report as a zip; the ticked ones only when some are. */
export function StudyExport({ board }: { board: StudyBoard }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const selection = useReviewStore((s) => s.exportSelection[board.studyKey]);
  const scoped = selectedBoard(board, selection ?? []);
  const narrowed = scoped !== board;

  async function save(kind: StudyExportKind) {
    setBusy(true);
    setError(null);
    try {
      download(await fileOf(scoped, kind), studyExportFileName(board.sessions, kind, new Date()));
    } catch (e) {
      setError(`Could not export: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      role="group"
      aria-labelledby="study-export-label"
      className="row"
      style={{ alignItems: 'center' }}
    >
      <span id="study-export-label" className="muted">
        {narrowed ? `Export ${plural(scoped.findings.length, 'selected finding')}` : 'Export'}
      </span>
      {EXPORTS.map(({ kind, label }) => (
        <button
          key={kind}
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void save(kind)}
        >
          {label}
        </button>
      ))}
      <StudyBundleExport sessions={board.sessions} />
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
    </div>
  );
}
