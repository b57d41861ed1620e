import { useEffect, useRef } from 'react';
import { formatDuration } from '@/lib/format';
import { elapsedMs } from '@/lib/sessions';
import type { SessionRecord } from '@/lib/contracts';
import { EndNotice } from './EndNotice';
import { SessionExport } from './SessionExport';
import { usePopupStore } from './popup-store';
import { plural, siteNames } from './site-names';

const OUTCOME_LABEL = { done: 'Done', 'gave-up': 'Gave up' } as const;

/** What the ended session recorded and the participant's next step: save it for the facilitator. */
export function SessionSummary({ session }: { session: SessionRecord }) {
  const counts = usePopupStore((s) => s.lastEndedCounts);
  const busy = usePopupStore((s) => s.busy);
  const access = usePopupStore((s) => s.lastEndedAccess);
  const { exportEnded, giveBackAccess, dismissSummary } = usePopupStore.getState();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [session.id]);
  const friction = Object.values(counts).reduce((n, c) => n + c, 0);
  const titles = new Map(session.study?.tasks.map((t) => [t.id, t.title]));
  // Records written before tasks existed (or by hand) may lack the list.
  const tasks = Array.isArray(session.tasks) ? session.tasks : [];

  async function save() {
    const file = await exportEnded();
    if (!file) return;
    const url = URL.createObjectURL(file.blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = file.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <section className="stack summary" aria-labelledby="summary-title">
      <h2 id="summary-title" ref={heading} tabIndex={-1}>
        Session ended: {session.title}
      </h2>
      <EndNotice />
      <dl className="stats">
        <div>
          <dt>Duration</dt>
          <dd data-testid="summary-duration">
            {formatDuration(elapsedMs(session, session.endedAt ?? 0))}
          </dd>
        </div>
        <div>
          <dt>Pages</dt>
          <dd data-testid="summary-pages">{session.stats.pages}</dd>
        </div>
        <div>
          <dt>Friction</dt>
          <dd data-testid="summary-friction">{friction}</dd>
        </div>
      </dl>
      {tasks.length > 0 && (
        <section aria-labelledby="outcomes-title">
          <h3 id="outcomes-title">Tasks</h3>
          <ul className="summary__tasks" data-testid="summary-tasks">
            {tasks.map((t) => (
              <li key={t.taskId}>
                {titles.get(t.taskId) ?? t.taskId}:{' '}
                <strong>{t.outcome ? OUTCOME_LABEL[t.outcome] : 'Not finished'}</strong>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="muted">
        {session.participant ? `${session.participant} · ` : ''}
        {plural(session.stats.pages, 'page')} on {siteNames(session.origins)}
      </p>
      <button
        type="button"
        className="button button--primary"
        onClick={() => void save()}
        disabled={busy}
      >
        Save my session for the facilitator
      </button>
      <p className="hint">Send the saved file to the study’s facilitator.</p>
      <SessionExport sessionId={session.id} />
      {access && (
        <button type="button" className="button" onClick={() => void giveBackAccess()}>
          Give back site access
        </button>
      )}
      <button type="button" className="link" onClick={() => void dismissSummary()}>
        Close summary and start another session
      </button>
    </section>
  );
}
