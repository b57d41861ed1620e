import { browser } from 'wxt/browser';
import { ErrorBoundary } from '@/components/shared/ErrorBoundary';
import { PrivacySection } from './PrivacySection';
import { StudiesSection } from './StudiesSection';
import { TrackersSection } from './TrackersSection';
import './options.css';

export function OptionsApp() {
  return (
    <main className="options">
      <header className="options__header">
        <h1>Study Group settings</h1>
        <a
          className="button"
          href={browser.runtime.getURL('/review.html')}
          target="_blank"
          rel="noreferrer"
        >
          Review sessions
        </a>
      </header>
      <ErrorBoundary what="The privacy settings">
        <PrivacySection />
      </ErrorBoundary>
      <ErrorBoundary what="The studies">
        <StudiesSection />
      </ErrorBoundary>
      <ErrorBoundary what="The trackers">
        <TrackersSection />
      </ErrorBoundary>
      <a href="/privacy.html">Privacy policy</a>
    </main>
  );
}
