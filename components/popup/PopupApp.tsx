import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { elapsedMs, formatBytes, formatDuration } from '@/lib/sessions';
import type { SessionRecord } from '@/lib/storage';
import { usePopupStore } from './popup-store';
import './popup.css';

function openReview() {
  void browser.tabs.create({ url: browser.runtime.getURL('/review.html') });
}

export function PopupApp() {
  const init = usePopupStore((s) => s.init);
  const ready = usePopupStore((s) => s.ready);
  const session = usePopupStore((s) => s.session);
  const error = usePopupStore((s) => s.error);
  const notice = usePopupStore((s) => s.notice);
  useEffect(() => init(), [init]);

  return (
    <main className="popup">
      <header className="popup__header">
        <h1>Study Group</h1>
        <button type="button" className="link" onClick={openReview}>
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
      {!ready ? (
        <p className="muted">Loading…</p>
      ) : session ? (
        <LiveSession session={session} />
      ) : (
        <StartForm />
      )}
    </main>
  );
}

function StartForm() {
  const form = usePopupStore((s) => s.form);
  const setForm = usePopupStore((s) => s.setForm);
  const start = usePopupStore((s) => s.start);
  const busy = usePopupStore((s) => s.busy);
  const tab = usePopupStore((s) => s.tab);
  const lastEnded = usePopupStore((s) => s.lastEnded);
  const storageFull =
    lastEnded?.endReason?.type === 'storage-full' ? lastEnded.endReason.message : null;

  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      {storageFull && (
        <p role="status" className="notice notice--warning">
          “{lastEnded?.title}”: {storageFull}
        </p>
      )}
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

const STATUS_LABEL: Record<SessionRecord['status'], string> = {
  recording: 'Recording',
  paused: 'Paused',
  interrupted: 'Interrupted',
  ended: 'Ended',
};

function LiveSession({ session }: { session: SessionRecord }) {
  const now = usePopupStore((s) => s.now);
  const busy = usePopupStore((s) => s.busy);
  const { pause, resume, stop } = usePopupStore.getState();

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
      <dl className="stats">
        <div>
          <dt>Elapsed</dt>
          <dd data-testid="elapsed">{formatDuration(elapsedMs(session, now))}</dd>
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
      <p className="muted">
        {session.participant ? `${session.participant} · ` : ''}
        {session.origins.join(', ')}
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
