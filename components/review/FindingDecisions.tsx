import { plural } from '@/lib/format';
import { useReviewStore } from './review-store';
import type { StudyBoard } from './findings-slice';
import type { FindingOverride, FindingOverrideRecord } from '@/lib/contracts';

export const STATUS_LABELS = { new: 'New', accepted: 'Accepted', 'wont-fix': 'Won’t fix' } as const;

/** One line saying what a decision did. */
export function describeOverride(override: FindingOverride, titleOf: (id: string) => string) {
  switch (override.type) {
    case 'rename':
      return `Renamed ${titleOf(override.findingId)} to “${override.title}”`;
    case 'status':
      return `Set ${titleOf(override.findingId)} to ${STATUS_LABELS[override.status]}`;
    case 'merge':
      return `Merged ${titleOf(override.otherId)} into ${titleOf(override.findingId)}`;
    case 'split':
      return `Split ${plural(override.annotationIds.length, 'annotation')} out of ${titleOf(override.findingId)}`;
  }
}

/** The decisions made on this board, newest first, each undoable; stale ones called out. */
export function FindingDecisions({ board }: { board: StudyBoard }) {
  const { undoOverride } = useReviewStore.getState();
  const titles = new Map(board.findings.map((f) => [f.id, f.title]));
  const titleOf = (id: string) => {
    const title = titles.get(id);
    return title ? `“${title}”` : 'a finding that is gone';
  };
  const stale = new Set(board.staleOverrides.map((o) => o.id));
  const newestFirst = [...board.overrides].reverse();

  const row = (record: FindingOverrideRecord) => (
    <li key={record.id} className="decision">
      <span>{describeOverride(record.override, titleOf)}</span>
      <button type="button" className="link" onClick={() => void undoOverride(record.id)}>
        {stale.has(record.id) ? 'Discard' : 'Undo'}
      </button>
    </li>
  );

  return (
    <>
      {board.staleOverrides.length > 0 && (
        <div className="notice notice--warning decisions decisions--stale" role="status">
          <p>
            <strong>
              {board.staleOverrides.length} decision(s) no longer apply and are not applied:
            </strong>{' '}
            the findings they were about changed when sessions were added or rules moved on.
          </p>
          <ul>{board.overrides.filter((o) => stale.has(o.id)).map(row)}</ul>
        </div>
      )}
      {board.overrides.length > board.staleOverrides.length && (
        <details className="decisions">
          <summary>Decisions on this board ({board.overrides.length - stale.size})</summary>
          <ul>{newestFirst.filter((o) => !stale.has(o.id)).map(row)}</ul>
        </details>
      )}
    </>
  );
}
