import { useEffect } from 'react';
import { ErrorBoundary } from '@/components/shared/ErrorBoundary';
import { ChooseStep } from './ChooseStep';
import { ConsentStep } from './ConsentStep';
import { LiveSession } from './LiveSession';
import { openPage } from './open-page';
import { usePopupStore } from './popup-store';
import './popup.css';

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
          <ConsentStep />
        ) : (
          <ChooseStep />
        )}
      </ErrorBoundary>
    </main>
  );
}
