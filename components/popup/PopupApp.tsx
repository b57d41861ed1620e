import { useEffect } from 'react';
import { ErrorBoundary } from '@/components/shared/ErrorBoundary';
import { ChooseStep } from './ChooseStep';
import { ConsentStep } from './ConsentStep';
import { LiveSession } from './LiveSession';
import { openPage } from './open-page';
import { usePopupStore } from './popup-store';
import { SessionSummary } from './SessionSummary';
import './popup.css';

export function PopupApp() {
  const init = usePopupStore((s) => s.init);
  const session = usePopupStore((s) => s.session);
  const step = usePopupStore((s) => s.step);
  // Until the dismissed summary is known, the popup would flash the start form.
  const loaded = usePopupStore((s) => s.ready && s.dismissedId !== undefined);
  const error = usePopupStore((s) => s.error);
  const notice = usePopupStore((s) => s.notice);
  // The last session's summary stays until it is dismissed or a new session starts.
  const summary = usePopupStore((s) =>
    s.lastEnded && s.dismissedId !== undefined && s.dismissedId !== s.lastEnded.id
      ? s.lastEnded
      : null,
  );
  useEffect(() => init(), [init]);

  return (
    <main className="popup">
      <header className="popup__header">
        <h1>Study Group</h1>
        <nav aria-label="Pages" className="popup__nav">
          <button type="button" className="link" onClick={() => openPage('/options.html')}>
            Studies &amp; settings
          </button>
          <button type="button" className="link" onClick={() => openPage('/review.html')}>
            Review sessions
          </button>
        </nav>
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
        {!loaded ? (
          <p className="muted">Loading…</p>
        ) : session ? (
          <LiveSession session={session} />
        ) : summary ? (
          <SessionSummary session={summary} />
        ) : step === 'consent' ? (
          <ConsentStep />
        ) : (
          <ChooseStep />
        )}
      </ErrorBoundary>
    </main>
  );
}
