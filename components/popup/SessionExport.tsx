import { liveQuery } from 'dexie';
import { useEffect, useId, useState } from 'react';
import { ExportStatusText } from '@/components/shared/ExportStatusText';
import { sendMessage } from '@/lib/messaging';
import { loadTrackerTargets } from '@/lib/settings';
import { createDb } from '@/lib/storage';
import { loadSessionFindings } from '@/lib/tracker-export';
import type { ExportJobRecord, TrackerType } from '@/lib/contracts';
import './session-export.css';

const db = createDb();

interface Target {
  id: string;
  name: string;
  type: TrackerType;
}

type Item = Pick<ExportJobRecord, 'id' | 'status' | 'issue'> & { title: string };

const SETTLED = new Set(['done', 'failed', 'cancelled']);

/**
 * "Send N findings to <tracker>" after Stop: this session's findings through the
 * same pipeline and receipts as the review page, for whoever ran it alone.
 */
export function SessionExport({ sessionId }: { sessionId: string }) {
  const [targets, setTargets] = useState<Target[]>([]);
  const [targetId, setTargetId] = useState<string | null>(null);
  const [findingIds, setFindingIds] = useState<string[] | null>(null);
  const [filed, setFiled] = useState<Set<string>>(new Set());
  const [batchId, setBatchId] = useState<string | null>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useId();

  useEffect(() => {
    void loadTrackerTargets().then((list) => {
      setTargets(list.map(({ id, name, type }) => ({ id, name, type })));
      setTargetId((current) => current ?? list[0]?.id ?? null);
    });
    void loadSessionFindings(db, sessionId).then(
      (found) => setFindingIds(found ? found.findings.map((f) => f.id) : []),
      () => setFindingIds([]),
    );
  }, [sessionId]);

  useEffect(() => {
    if (!targetId || !findingIds) return;
    const subscription = liveQuery(() =>
      db.exportReceipts.where('findingId').anyOf(findingIds).toArray(),
    ).subscribe({
      next: (receipts) =>
        setFiled(new Set(receipts.filter((r) => r.targetId === targetId).map((r) => r.findingId))),
    });
    return () => subscription.unsubscribe();
  }, [targetId, findingIds]);

  useEffect(() => {
    if (!batchId) return;
    const subscription = liveQuery(() =>
      db.exportJobs.where('batchId').equals(batchId).sortBy('createdAt'),
    ).subscribe({
      next: (jobs) =>
        setItems(
          jobs.map((j) => ({ id: j.id, status: j.status, issue: j.issue, title: j.draft.title })),
        ),
    });
    return () => subscription.unsubscribe();
  }, [batchId]);

  const target = targets.find((t) => t.id === targetId);
  if (!target || !findingIds || findingIds.length === 0) return null;
  const unfiled = findingIds.filter((id) => !filed.has(id)).length;
  const findings = (n: number) => (n === 1 ? '1 finding' : `${n} findings`);

  async function send() {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const result = await sendMessage('export.enqueue', {
        targetId: target.id,
        scope: { type: 'session', sessionId },
        existing: 'skip',
      });
      if (result.type === 'error') setError(result.message);
      else setBatchId(result.batchId);
    } catch (e) {
      setError(`Study Group's background did not answer: ${String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  const done = items.filter((i) => i.status.type === 'done').length;
  const working = items.some((i) => !SETTLED.has(i.status.type));

  return (
    <section className="session-export stack" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Send to a tracker</h3>
      {targets.length > 1 && (
        <label>
          <span>Tracker</span>
          <select value={target.id} onChange={(e) => setTargetId(e.target.value)}>
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {unfiled > 0 ? (
        <button
          type="button"
          className="button"
          disabled={busy || working}
          onClick={() => void send()}
        >
          Send {findings(unfiled)} to {target.name}
        </button>
      ) : (
        <p className="hint">
          {findingIds.length === 1
            ? 'This session’s finding is'
            : `All ${findings(findingIds.length)} are`}{' '}
          in {target.name}.
        </p>
      )}
      {error && (
        <p role="alert" className="notice notice--error">
          Could not send: {error}
        </p>
      )}
      {items.length > 0 && (
        <>
          <p role="status" className="hint">
            {done} of {items.length} sent to {target.name}
          </p>
          <ul className="session-export__items">
            {items.map((item) => (
              <li key={item.id}>
                <span className="session-export__title">{item.title}</span>{' '}
                <ExportStatusText status={item.status} issue={item.issue} />
                {(item.status.type === 'failed' || item.status.type === 'cancelled') && (
                  <button
                    type="button"
                    className="link"
                    onClick={() => void sendMessage('export.retry', { jobId: item.id })}
                  >
                    Retry <span className="visually-hidden">{item.title}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
