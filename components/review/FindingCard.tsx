import { plural, pluralWord } from '@/lib/format';
import { useId, useState } from 'react';
import { adjustedWald } from '@/lib/metrics';
import { ExportFinding } from './ExportFinding';
import { FindingEvidence } from './FindingEvidence';
import { ReceiptList } from './ReceiptList';
import { STATUS_LABELS } from './FindingDecisions';
import { useReviewStore } from './review-store';
import type { StudyBoard } from './findings-slice';
import type { Finding, FindingStatus } from '@/lib/contracts';

const percent = (x: number) => Math.round(x * 100);

/** "3 of 6 participants · 19–81%": the share with its 95% Adjusted Wald interval. */
export function reachText(reach: number, participants: number): string {
  const interval = adjustedWald(reach, participants);
  const base = `${reach} of ${participants} participants`;
  return interval ? `${base} · ${percent(interval.low)}–${percent(interval.high)}%` : base;
}

export function FindingCard({
  board,
  finding,
  rank,
}: {
  board: StudyBoard;
  finding: Finding;
  rank: number;
}) {
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const bodyId = useId();
  const selected = useReviewStore((s) =>
    Boolean(s.exportSelection[board.studyKey]?.includes(finding.id)),
  );
  const { setFindingStatus, toggleExportFinding } = useReviewStore.getState();
  const tagLabels = new Map(
    board.sessions.flatMap((s) => s.study?.tags ?? []).map((t) => [t.id, t.label]),
  );

  return (
    <article className={`finding finding--${finding.status}`} aria-labelledby={titleId}>
      <p className="finding__rank">
        <span className="visually-hidden">{`Rank ${rank}: `}</span>
        <span className="finding__priority">{finding.priority}</span>
        <span className="finding__rank-label">priority</span>
      </p>
      <div className="finding__main">
        <h3 id={titleId} className="finding__title">
          {finding.title}
        </h3>
        <p className="finding__reach" data-testid="finding-reach">
          {reachText(finding.reach, board.participants)}
        </p>
        <ul className="finding__facts" aria-label="About this finding">
          <li>
            <span className={`severity severity--${finding.worstSeverity}`}>
              Worst severity {finding.worstSeverity}
            </span>
          </li>
          <li>
            {finding.kind.type === 'detector' ? 'Noticed automatically' : 'Tagged'}
            {finding.tagIds.length > 0 &&
              `: ${finding.tagIds.map((id) => tagLabels.get(id) ?? id).join(', ')}`}
          </li>
          <li>
            {pluralWord(finding.pages.length, 'Page')} {finding.pages.join(', ')}
          </li>
          <li>{plural(finding.annotationIds.length, 'annotation')}</li>
        </ul>
        <ReceiptList studyKey={board.studyKey} findingId={finding.id} />
      </div>
      <div className="finding__side">
        <label className="checkbox finding__select">
          <input
            type="checkbox"
            checked={selected}
            onChange={(e) => toggleExportFinding(board.studyKey, finding.id, e.target.checked)}
          />
          Select <span className="visually-hidden">{finding.title}</span>
        </label>
        <ExportFinding studyKey={board.studyKey} finding={finding} />
        <label className="finding__status">
          <span>Status</span>
          <select
            value={finding.status}
            onChange={(e) =>
              void setFindingStatus(board.studyKey, finding.id, e.target.value as FindingStatus)
            }
          >
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Close' : 'Open'} <span className="visually-hidden">{finding.title}</span>
        </button>
      </div>
      {open && (
        <div id={bodyId} className="finding__body">
          <FindingActions board={board} finding={finding} />
          <FindingEvidence board={board} finding={finding} />
        </div>
      )}
    </article>
  );
}

/** Rename, and merge another finding into this one. */
function FindingActions({ board, finding }: { board: StudyBoard; finding: Finding }) {
  const [title, setTitle] = useState(finding.title);
  const others = board.findings.filter((f) => f.id !== finding.id);
  const [otherId, setOtherId] = useState('');
  const { renameFinding, mergeFindings } = useReviewStore.getState();

  return (
    <div className="finding__actions">
      <form
        className="finding__form"
        onSubmit={(e) => {
          e.preventDefault();
          if (title.trim() && title.trim() !== finding.title)
            void renameFinding(board.studyKey, finding.id, title);
        }}
      >
        <label>
          <span>Title</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
        </label>
        <button type="submit" className="button" disabled={!title.trim()}>
          Rename
        </button>
      </form>
      {others.length > 0 && (
        <form
          className="finding__form"
          onSubmit={(e) => {
            e.preventDefault();
            if (otherId) void mergeFindings(board.studyKey, finding.id, otherId);
            setOtherId('');
          }}
        >
          <label>
            <span>Merge into this one</span>
            <select value={otherId} onChange={(e) => setOtherId(e.target.value)}>
              <option value="">Choose a finding…</option>
              {others.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button" disabled={!otherId}>
            Merge
          </button>
        </form>
      )}
    </div>
  );
}
