import { useEffect, useMemo } from 'react';
import { formatBytes, formatDateTime, formatDuration, sessionStatusLabel } from '@/lib/format';
import { ErrorBoundary } from '@/components/shared/ErrorBoundary';
import type { StudySummary } from '@/lib/metrics';
import { useReviewStore } from './review-store';
import type { SessionRecord } from '@/lib/contracts';

/** "2/3 done, 1 gave up"; a dash without tasks. Tolerates a malformed task list. */
function taskOutcomes(tasks: unknown): string {
  if (!Array.isArray(tasks) || tasks.length === 0) return '—';
  const outcomes = tasks.map((t) => (t as { outcome?: unknown } | null)?.outcome);
  const done = outcomes.filter((o) => o === 'done').length;
  const gaveUp = outcomes.filter((o) => o === 'gave-up').length;
  return `${done}/${tasks.length} done${gaveUp ? `, ${gaveUp} gave up` : ''}`;
}

/** The sessions of one study, own and imported: tick to export, open one to replay it. */
export function StudySessions({ study }: { study: StudySummary }) {
  const allSessions = useReviewStore((s) => s.sessions);
  const checked = useReviewStore((s) => s.checked);
  const { setAllChecked, watchFriction } = useReviewStore.getState();
  const sessions = useMemo(
    () => allSessions.filter((s) => study.sessionIds.includes(s.id)),
    [allSessions, study.sessionIds],
  );
  const ids = useMemo(() => sessions.map((s) => s.id), [sessions]);
  useEffect(() => watchFriction(ids), [watchFriction, ids]);

  if (sessions.length === 0) return <p className="empty">This study has no sessions left.</p>;
  const allChecked = ids.every((id) => checked.includes(id));
  return (
    <table className="sessions">
      <caption className="visually-hidden">Sessions of {study.title}</caption>
      <thead>
        <tr>
          <th scope="col">
            <input
              type="checkbox"
              aria-label="Select all sessions"
              checked={allChecked}
              onChange={() => setAllChecked(ids, !allChecked)}
            />
          </th>
          <th scope="col">Title</th>
          <th scope="col">Participant</th>
          <th scope="col">Date</th>
          <th scope="col">Duration</th>
          <th scope="col">Pages</th>
          <th scope="col">Tasks</th>
          <th scope="col">Friction</th>
          <th scope="col">Size on disk</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <ErrorBoundary
            key={s.id}
            what="This session"
            resetKey={s}
            fallback={(message) => <BrokenRow id={s.id} message={message} />}
          >
            <SessionRow session={s} />
          </ErrorBoundary>
        ))}
      </tbody>
    </table>
  );
}

function SessionRow({ session: s }: { session: SessionRecord }) {
  const checked = useReviewStore((x) => x.checked.includes(s.id));
  const selected = useReviewStore((x) => x.selectedId === s.id);
  const friction = useReviewStore((x) => x.frictionCounts[s.id]);
  const { toggleChecked, select } = useReviewStore.getState();
  return (
    <tr className={selected ? 'is-selected' : undefined}>
      <td>
        <input
          type="checkbox"
          aria-label={`Select ${s.title}`}
          checked={checked}
          onChange={() => toggleChecked(s.id)}
        />
      </td>
      <td>
        <button
          type="button"
          className="link"
          onClick={async () => {
            await select(s.id);
            // The detail opens below the table: bring its heading, replay and controls into view.
            requestAnimationFrame(() =>
              document.querySelector('section.detail')?.scrollIntoView({ block: 'start' }),
            );
          }}
          aria-current={selected}
        >
          {s.title}
        </button>
      </td>
      <td>{s.participant || '—'}</td>
      <td>{formatDateTime(s.startedAt)}</td>
      <td>{formatDuration(s.activeMs)}</td>
      <td>{s.stats.pages}</td>
      <td>{taskOutcomes(s.tasks)}</td>
      <td>{friction ?? '…'}</td>
      <td>{formatBytes(s.stats.bytes)}</td>
      <td>
        <StatusLabel session={s} />
      </td>
    </tr>
  );
}

/** A session whose row cannot be drawn can still be exported, opened and deleted. */
function BrokenRow({ id, message }: { id: string; message: string }) {
  const checked = useReviewStore((x) => x.checked.includes(id));
  const { toggleChecked, select } = useReviewStore.getState();
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          aria-label={`Select session ${id}`}
          checked={checked}
          onChange={() => toggleChecked(id)}
        />
      </td>
      <td colSpan={9}>
        <span role="alert">{message}</span>{' '}
        <button type="button" className="link" onClick={() => void select(id)}>
          Open session {id}
        </button>
      </td>
    </tr>
  );
}

function StatusLabel({ session }: { session: SessionRecord }) {
  return <>{sessionStatusLabel(session.status, session.endReason)}</>;
}
