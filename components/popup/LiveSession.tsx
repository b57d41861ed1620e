import { useRef } from 'react';
import { tagsOf } from '@/lib/annotations';
import { formatBytes, formatDuration, sessionStatusLabel } from '@/lib/format';
import { currentTask, elapsedMs, taskAwaitingEase } from '@/lib/sessions';
import type { SessionRecord } from '@/lib/contracts';
import { EaseQuestion } from './EaseQuestion';
import { usePopupStore } from './popup-store';
import { siteNames } from './site-names';

/** The recording, paused or interrupted session: its task, counts and controls. */
export function LiveSession({ session }: { session: SessionRecord }) {
  const now = usePopupStore((s) => s.now);
  const busy = usePopupStore((s) => s.busy);
  const counts = usePopupStore((s) => s.counts);
  const hotkey = usePopupStore((s) => s.hotkey);
  const { pause, resume, stop, finishTask } = usePopupStore.getState();
  const elapsed = elapsedMs(session, now);
  const minutes = session.study?.timeBoxMinutes ?? null;
  const timeBox = minutes ? minutes * 60_000 : null;
  const overTime = timeBox !== null && elapsed > timeBox;
  const task = currentTask(session);
  const awaitingEase = taskAwaitingEase(session);
  const taskHeading = useRef<HTMLHeadingElement>(null);
  const status = useRef<HTMLDivElement>(null);
  const tags = tagsOf(session);
  const autoCount = Object.entries(counts)
    .filter(([key]) => key.startsWith('auto:'))
    .reduce((n, [, c]) => n + c, 0);

  return (
    <section className="stack live" aria-label="Current session">
      <div className={`status status--${session.status}`} role="status" ref={status} tabIndex={-1}>
        <span className="status__dot" aria-hidden="true" />
        {sessionStatusLabel(session.status)}: <strong>{session.title}</strong>
      </div>
      {session.status === 'interrupted' && (
        <p className="notice notice--warning">
          The browser closed while this session was recording. Everything up to then is saved.
          Resume to continue recording in the current tab, or stop to end it.
        </p>
      )}
      {awaitingEase && (
        <EaseQuestion
          task={awaitingEase}
          onAnswered={() => (taskHeading.current ?? status.current)?.focus()}
        />
      )}
      {task && (
        <section className="task" aria-labelledby="task-title">
          <p className="task__count">
            Task {task.index + 1} of {task.total}
          </p>
          <h2 id="task-title" ref={taskHeading} tabIndex={-1}>
            {task.title}
          </h2>
          <p className="muted">Done when: {task.doneWhen}</p>
          <div className="row">
            <button
              type="button"
              className="button"
              onClick={() => void finishTask('done')}
              disabled={busy}
            >
              Done
            </button>
            <button
              type="button"
              className="button"
              onClick={() => void finishTask('gave-up')}
              disabled={busy}
            >
              Give up
            </button>
          </div>
        </section>
      )}
      {!task && session.study && session.goalReached !== null && (
        <p className="notice notice--info">
          {session.goalReached
            ? 'All tasks done: goal reached.'
            : 'All tasks ended. Stop the session when ready.'}
        </p>
      )}
      <dl className="stats">
        <div>
          <dt>Elapsed</dt>
          <dd data-testid="elapsed">
            {formatDuration(elapsed)}
            {timeBox !== null && (
              <span className={overTime ? 'over' : 'of'}> / {formatDuration(timeBox)}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Pages</dt>
          <dd data-testid="pages">{session.stats.pages}</dd>
        </div>
        <div>
          <dt>On disk</dt>
          <dd data-testid="size">{formatBytes(session.stats.bytes)}</dd>
        </div>
      </dl>
      {overTime && (
        <p className="notice notice--warning" data-testid="over-time">
          Over the {minutes}-minute time box: finish this task, or stop when ready.
        </p>
      )}
      <ul className="counts" aria-label="Friction noted">
        {tags.map((tag) => (
          <li key={tag.id} style={{ borderColor: tag.color }}>
            {tag.label} <strong>{counts[tag.id] ?? 0}</strong>
          </li>
        ))}
        <li className="counts__auto">
          Noticed automatically <strong>{autoCount}</strong>
        </li>
      </ul>
      <p className="muted live__meta">
        {session.participant ? `${session.participant} · ` : ''}
        {siteNames(session.origins)} ·{' '}
        {hotkey
          ? `tag friction with ${hotkey}`
          : 'set a tag shortcut in the browser’s extension shortcuts'}
      </p>
      <div className="row live__controls">
        {session.status === 'recording' ? (
          <button type="button" className="button" onClick={() => void pause()} disabled={busy}>
            Pause
          </button>
        ) : (
          <button type="button" className="button" onClick={() => void resume()} disabled={busy}>
            Resume
          </button>
        )}
        <button
          type="button"
          className="button button--danger"
          onClick={() => void stop()}
          disabled={busy}
        >
          Stop session
        </button>
      </div>
    </section>
  );
}
