import { useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { useReviewStore } from './review-store';
import './export.css';
import type { StudyBoard } from './findings-slice';

/** Where the board's findings go: the tracker chosen, the ticked findings sent to it. */
export function ExportBar({ board }: { board: StudyBoard }) {
  const targets = useReviewStore((s) => s.exportTargets);
  const targetId = useReviewStore((s) => s.exportTargetId);
  const selection = useReviewStore((s) => s.exportSelection[board.studyKey]);
  const receipts = useReviewStore((s) => s.exports[board.studyKey]?.receipts);
  const notice = useReviewStore((s) => s.exportNotice);
  const { chooseExportTarget, setExportSelection, sendFindings, dismissExportNotice } =
    useReviewStore.getState();
  const [existing, setExisting] = useState<'comment' | 'skip'>('comment');
  const [busy, setBusy] = useState(false);
  const ids = useId();

  const target = targets.find((t) => t.id === targetId) ?? targets[0];
  if (!target)
    return (
      <p className="export-bar export-bar--empty muted">
        No tracker configured yet.{' '}
        <a href={browser.runtime.getURL('/options.html#trackers')} target="_blank" rel="noreferrer">
          Add one in the options (Trackers)
        </a>{' '}
        to send findings to it.
      </p>
    );

  const live = new Set(board.findings.map((f) => f.id));
  const chosen = (selection ?? []).filter((id) => live.has(id));
  const filed = new Set(
    (receipts ?? []).filter((r) => r.targetId === target.id).map((r) => r.findingId),
  );
  const alreadyThere = chosen.filter((id) => filed.has(id)).length;
  const allChosen = board.findings.length > 0 && chosen.length === board.findings.length;

  async function send() {
    setBusy(true);
    await sendFindings(board.studyKey, chosen, existing);
    setBusy(false);
  }

  return (
    <div className="export-bar" role="group" aria-labelledby={`${ids}-label`}>
      <span id={`${ids}-label`} className="visually-hidden">
        Send findings to a tracker
      </span>
      <label className="export-bar__target">
        <span>Tracker</span>
        <select value={target.id} onChange={(e) => chooseExportTarget(e.target.value)}>
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={allChosen}
          onChange={(e) =>
            setExportSelection(
              board.studyKey,
              e.target.checked ? board.findings.map((f) => f.id) : [],
            )
          }
        />
        Select all findings
      </label>
      {alreadyThere > 0 && (
        <fieldset className="export-bar__existing">
          <legend>
            {alreadyThere === 1
              ? `1 selected finding is already in ${target.name}:`
              : `${alreadyThere} selected findings are already in ${target.name}:`}
          </legend>
          <label className="checkbox">
            <input
              type="radio"
              name={`${ids}-existing`}
              checked={existing === 'comment'}
              onChange={() => setExisting('comment')}
            />
            Add new evidence as a comment
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name={`${ids}-existing`}
              checked={existing === 'skip'}
              onChange={() => setExisting('skip')}
            />
            Leave them as they are
          </label>
        </fieldset>
      )}
      <button
        type="button"
        className="button button--primary"
        disabled={busy || chosen.length === 0}
        onClick={() => void send()}
      >
        {chosen.length === 0
          ? `Send selected to ${target.name}`
          : `Send ${chosen.length} selected to ${target.name}`}
      </button>
      {notice && (
        <p
          role={notice.type === 'error' ? 'alert' : 'status'}
          className={`notice notice--${notice.type === 'error' ? 'error' : 'info'} export-bar__notice`}
        >
          {notice.text}{' '}
          <button type="button" className="link" onClick={dismissExportNotice}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
