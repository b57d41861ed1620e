import { ExportStatusText } from '@/components/shared/ExportStatusText';
import { isSettled, type ExportBatch } from './export-slice';
import { useReviewStore } from './review-store';

/** The batches sent to trackers from this study: each item's status, live, with Cancel and Retry. */
export function ExportProgress({ studyKey }: { studyKey: string }) {
  const batches = useReviewStore((s) => s.exports[studyKey]?.batches);
  const sent = useReviewStore((s) => s.sentBatches);
  const hidden = useReviewStore((s) => s.hiddenBatches);
  const shown = (batches ?? []).filter(
    (b) =>
      !hidden.includes(b.batchId) &&
      (sent.includes(b.batchId) || b.items.some((item) => !isSettled(item))),
  );
  if (shown.length === 0) return null;
  return (
    <section className="export-progress" aria-label="Exports to trackers">
      {shown.map((batch) => (
        <BatchView key={batch.batchId} batch={batch} />
      ))}
    </section>
  );
}

function BatchView({ batch }: { batch: ExportBatch }) {
  const target = useReviewStore((s) => s.exportTargets.find((t) => t.id === batch.targetId));
  const { cancelExportBatch, retryExportItem, hideExportBatch } = useReviewStore.getState();
  const done = batch.items.filter((i) => i.status.type === 'done').length;
  const failed = batch.items.filter((i) => i.status.type === 'failed').length;
  const open = batch.items.some((i) => !isSettled(i));
  const name = target?.name ?? 'a removed tracker';

  return (
    <article
      className="export-batch"
      aria-labelledby={`batch-${batch.batchId}`}
      data-batch={batch.batchId}
    >
      <header className="export-batch__head">
        <h3 id={`batch-${batch.batchId}`}>{open ? `Sending to ${name}` : `Sent to ${name}`}</h3>
        <p role="status" className="export-batch__summary">
          {done} of {batch.items.length} done
          {failed > 0 && `, ${failed} failed`}
        </p>
        {open ? (
          <button
            type="button"
            className="button"
            onClick={() => void cancelExportBatch(batch.batchId)}
          >
            Cancel the rest
          </button>
        ) : (
          <button type="button" className="link" onClick={() => hideExportBatch(batch.batchId)}>
            Close
          </button>
        )}
      </header>
      <ul className="export-batch__items">
        {batch.items.map((item) => (
          <li key={item.id} className="export-item" data-finding={item.findingId}>
            <span className="export-item__title">
              {item.mode === 'comment' ? 'Comment on: ' : ''}
              {item.title}
            </span>
            <ExportStatusText status={item.status} issue={item.issue} />
            {(item.status.type === 'failed' || item.status.type === 'cancelled') && (
              <button
                type="button"
                className="button button--small"
                onClick={() => void retryExportItem(item.id)}
              >
                Retry <span className="visually-hidden">{item.title}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </article>
  );
}
