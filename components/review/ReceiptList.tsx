import { formatDateTime } from '@/lib/format';
import { issueLabel } from '@/components/shared/ExportStatusText';
import { useReviewStore } from './review-store';
import type { ExportReceiptRecord } from '@/lib/contracts';

const NO_RECEIPTS: ExportReceiptRecord[] = [];

/** Where a finding was filed: one line per tracker, linking the issue. */
export function ReceiptList({ studyKey, findingId }: { studyKey: string; findingId: string }) {
  const all = useReviewStore((s) => s.exports[studyKey]?.receipts ?? NO_RECEIPTS);
  const receipts = all.filter((r) => r.findingId === findingId);
  if (receipts.length === 0) return null;
  return (
    <ul className="receipts" aria-label="Filed in trackers">
      {receipts.map((r) => (
        <li key={r.id} className="receipt" data-testid="receipt">
          Filed in {r.targetName} as{' '}
          <a href={r.issue.url} target="_blank" rel="noreferrer">
            issue {issueLabel(r.issue)}
          </a>{' '}
          <span className="muted">
            · {formatDateTime(r.createdAt)}
            {r.comments > 0 &&
              ` · ${r.comments === 1 ? '1 comment' : `${r.comments} comments`} since`}
            {r.attached.length > 0 &&
              ` · ${r.attached.length} file${r.attached.length === 1 ? '' : 's'} attached`}
          </span>
        </li>
      ))}
    </ul>
  );
}
