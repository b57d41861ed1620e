import { useState } from 'react';
import { useReviewStore } from './review-store';
import type { Finding } from '@/lib/contracts';

/** One finding to the chosen tracker, or new evidence as a comment when it is already there. */
export function ExportFinding({ studyKey, finding }: { studyKey: string; finding: Finding }) {
  const target = useReviewStore((s) => s.exportTargets.find((t) => t.id === s.exportTargetId));
  const filed = useReviewStore((s) =>
    Boolean(
      target &&
      s.exports[studyKey]?.receipts.some(
        (r) => r.findingId === finding.id && r.targetId === target.id,
      ),
    ),
  );
  const { sendFindings } = useReviewStore.getState();
  const [busy, setBusy] = useState(false);
  if (!target) return null;

  async function send() {
    setBusy(true);
    await sendFindings(studyKey, [finding.id], filed ? 'comment' : 'skip');
    setBusy(false);
  }

  return (
    <button type="button" className="button" disabled={busy} onClick={() => void send()}>
      {filed ? 'Add new evidence as a comment' : `Send to ${target.name}`}
      <span className="visually-hidden">{`: ${finding.title}`}</span>
    </button>
  );
}
