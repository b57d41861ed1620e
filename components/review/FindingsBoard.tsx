import { useEffect } from 'react';
import { PRIORITY_RULE } from '@/lib/findings';
import { ErrorBoundary } from '@/components/shared/ErrorBoundary';
import { ExportBar } from './ExportBar';
import { ExportProgress } from './ExportProgress';
import { FindingCard } from './FindingCard';
import { FindingDecisions } from './FindingDecisions';
import { StudyExport } from './StudyExport';
import { useReviewStore } from './review-store';
import './board.css';

/** A study's findings, most pressing first, with the facilitator's decisions on them. */
export function FindingsBoard({ studyKey }: { studyKey: string }) {
  const watchStudy = useReviewStore((s) => s.watchStudy);
  const board = useReviewStore((s) => s.boards[studyKey]);
  const notice = useReviewStore((s) => s.boardNotice);
  const { dismissBoardNotice } = useReviewStore.getState();
  const watchExports = useReviewStore((s) => s.watchExports);
  useEffect(() => watchStudy(studyKey), [watchStudy, studyKey]);
  useEffect(() => watchExports(studyKey), [watchExports, studyKey]);

  if (!board) return <p className="muted">Loading the findings…</p>;
  return (
    <section className="board" aria-labelledby="board-title">
      <header className="board__head">
        <h2 id="board-title">
          Findings <span className="board__count">{board.findings.length}</span>
        </h2>
        <p className="board__rule" id="board-rule">
          {PRIORITY_RULE}
        </p>
        <StudyExport board={board} />
        <ExportBar board={board} />
      </header>
      <ExportProgress studyKey={studyKey} />
      {notice && (
        <div role="alert" className="notice notice--error">
          <span>{notice.text}</span>
          <button type="button" className="link" onClick={dismissBoardNotice}>
            Dismiss
          </button>
        </div>
      )}
      <FindingDecisions board={board} />
      {board.findings.length === 0 ? (
        <p className="empty">No friction noted in this study yet.</p>
      ) : (
        <ol className="board__list" aria-describedby="board-rule">
          {board.findings.map((finding, rank) => (
            <li key={finding.id}>
              <ErrorBoundary what="This finding" resetKey={finding}>
                <FindingCard board={board} finding={finding} rank={rank + 1} />
              </ErrorBoundary>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
