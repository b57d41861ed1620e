import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { ErrorBoundary } from '@/components/shared/ErrorBoundary';
import { MarkdownText } from '@/components/shared/MarkdownText';
import { tagsOf } from '@/lib/annotations';
import { formatBytes, formatDuration } from '@/lib/format';
import { currentTask, elapsedMs } from '@/lib/sessions';
import { usePopupStore } from './popup-store';
import './popup.css';
import type { SessionRecord } from '@/lib/contracts';

function openPage(path: '/review.html' | '/options.html') {
  void browser.tabs.create({ url: browser.runtime.getURL(path) });
}

export function PopupApp() {
  const init = usePopupStore((s) => s.init);
  const ready = usePopupStore((s) => s.ready);
  const session = usePopupStore((s) => s.session);
  const step = usePopupStore((s) => s.step);
  const error = usePopupStore((s) => s.error);
  const notice = usePopupStore((s) => s.notice);
  useEffect(() => init(), [init]);

  return (
    <main className="popup">
      <header className="popup__header">
        <h1>Study Group</h1>
        <button type="button" className="link" onClick={() => openPage('/review.html')}>
          Review sessions
        </button>
      </header>
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      {notice && !session && (
        <p role="status" className="notice notice--info">
          {notice}
        </p>
      )}
      <ErrorBoundary what="This view" resetKey={session ?? step}>
        {!ready ? (
          <p className="muted">Loading…</p>
        ) : session ? (
          <LiveSession session={session} />
        ) : step === 'consent' ? (
          <Consent />
        ) : (
          <Choose />
        )}
      </ErrorBoundary>
    </main>
  );
}

function Choose() {
  const studies = usePopupStore((s) => s.studies);
  const studyId = usePopupStore((s) => s.studyId);
  const lastEnded = usePopupStore((s) => s.lastEnded);
  const { chooseStudy, setStep } = usePopupStore.getState();
  const study = studies.find((s) => s.id === studyId);
  // Why the last session stopped by itself (storage full, over its budget), if it did.
  const reason = lastEnded?.endReason;
  const stoppedBecause =
    reason?.type === 'storage-full' || reason?.type === 'over-budget' ? reason.message : null;

  return (
    <div className="stack">
      {stoppedBecause && (
        <p role="status" className="notice notice--warning">
          “{lastEnded?.title}”: {stoppedBecause}
        </p>
      )}
      <label>
        Study
        <select value={studyId ?? ''} onChange={(e) => chooseStudy(e.target.value || null)}>
          {studies.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
          <option value="">Quick session (no study kit)</option>
        </select>
        {studies.length === 0 && (
          <span className="hint">
            A facilitator’s study kit sets the scenario and tasks.{' '}
            <button type="button" className="link" onClick={() => openPage('/options.html')}>
              Import a kit
            </button>
          </span>
        )}
      </label>
      {study ? (
        <>
          <p className="goal">
            <strong>Goal:</strong> {study.goal}
          </p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => setStep('consent')}
          >
            Continue
          </button>
        </>
      ) : (
        <QuickForm />
      )}
    </div>
  );
}

function QuickForm() {
  const form = usePopupStore((s) => s.form);
  const busy = usePopupStore((s) => s.busy);
  const tab = usePopupStore((s) => s.tab);
  const { setForm, start } = usePopupStore.getState();
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <label>
        Session title
        <input
          value={form.title}
          onChange={(e) => setForm({ title: e.target.value })}
          placeholder="Get paid online"
        />
      </label>
      <label>
        Participant alias
        <input
          value={form.participant}
          onChange={(e) => setForm({ participant: e.target.value })}
          placeholder="e.g. Baker 3"
        />
      </label>
      <label>
        Origins to record
        <textarea
          rows={2}
          value={form.origins}
          onChange={(e) => setForm({ origins: e.target.value })}
          placeholder="https://app.example.com"
        />
        <span className="hint">
          One per line. Nothing else is recorded; input values are always masked.
        </span>
      </label>
      <button type="submit" className="button button--primary" disabled={busy || !tab}>
        Start session
      </button>
      {!tab && (
        <p className="muted">Open the product you want to study in a tab, then start here.</p>
      )}
    </form>
  );
}

function Consent() {
  const study = usePopupStore((s) => s.studies.find((x) => x.id === s.studyId));
  const form = usePopupStore((s) => s.form);
  const busy = usePopupStore((s) => s.busy);
  const tab = usePopupStore((s) => s.tab);
  const { setForm, setStep, start } = usePopupStore.getState();
  if (!study) return null;
  return (
    <form
      className="stack consent"
      aria-labelledby="consent-title"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <h2 id="consent-title">{study.title}</h2>
      <section aria-label="Scenario" className="consent__scenario">
        <MarkdownText text={study.scenario} />
      </section>
      <dl className="consent__facts">
        <dt>You are</dt>
        <dd>{study.persona}</dd>
        <dt>Your goal</dt>
        <dd>{study.goal}</dd>
      </dl>
      <section aria-labelledby="rules-title">
        <h3 id="rules-title">The rules</h3>
        <ul>
          {study.rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="recorded-title" className="consent__privacy">
        <h3 id="recorded-title">What is recorded</h3>
        <ul>
          <li>
            Only pages of {study.origins.join(', ')}, in this tab and tabs you open from it, until
            you stop.
          </li>
          <li>Everything you type is masked; passwords are never recorded.</li>
          <li>Nothing leaves this browser until you export it.</li>
        </ul>
      </section>
      <label>
        Your alias
        <input
          required
          value={form.participant}
          onChange={(e) => setForm({ participant: e.target.value })}
          placeholder="e.g. Baker 3"
        />
      </label>
      <div className="row">
        <button type="button" className="button" onClick={() => setStep('choose')}>
          Back
        </button>
        <button type="submit" className="button button--primary" disabled={busy || !tab}>
          Start session
        </button>
      </div>
    </form>
  );
}

const STATUS_LABEL: Record<SessionRecord['status'], string> = {
  recording: 'Recording',
  paused: 'Paused',
  interrupted: 'Interrupted',
  ended: 'Ended',
};

function LiveSession({ session }: { session: SessionRecord }) {
  const now = usePopupStore((s) => s.now);
  const busy = usePopupStore((s) => s.busy);
  const counts = usePopupStore((s) => s.counts);
  const hotkey = usePopupStore((s) => s.hotkey);
  const { pause, resume, stop, finishTask } = usePopupStore.getState();
  const elapsed = elapsedMs(session, now);
  const timeBox = session.study?.timeBoxMinutes ? session.study.timeBoxMinutes * 60_000 : null;
  const task = currentTask(session);
  const tags = tagsOf(session);
  const autoCount = Object.entries(counts)
    .filter(([key]) => key.startsWith('auto:'))
    .reduce((n, [, c]) => n + c, 0);

  return (
    <section className="stack" aria-label="Current session">
      <div className={`status status--${session.status}`} role="status">
        <span className="status__dot" aria-hidden="true" />
        {STATUS_LABEL[session.status]}: <strong>{session.title}</strong>
      </div>
      {session.status === 'interrupted' && (
        <p className="notice notice--warning">
          The browser closed while this session was recording. Everything up to then is saved.
          Resume to continue recording in the current tab, or stop to end it.
        </p>
      )}
      {task && (
        <section className="task" aria-labelledby="task-title">
          <p className="task__count">
            Task {task.index + 1} of {task.total}
          </p>
          <h2 id="task-title">{task.title}</h2>
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
              <span className={elapsed > timeBox ? 'over' : 'of'}>
                {' '}
                / {formatDuration(timeBox)}
              </span>
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
      <p className="muted">
        {session.participant ? `${session.participant} · ` : ''}
        {session.origins.join(', ')} ·{' '}
        {hotkey
          ? `tag friction with ${hotkey}`
          : 'set a tag shortcut in the browser’s extension shortcuts'}
      </p>
      <div className="row">
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
