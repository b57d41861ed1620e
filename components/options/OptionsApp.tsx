import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { ErrorBoundary } from '@/components/shared/ErrorBoundary';
import { SECTIONS, sectionFor } from './sections';
import './options.css';

/** Sections one at a time beside their navigation; the URL fragment names the open one. */
export function OptionsApp() {
  const [section, setSection] = useState(() => sectionFor(location.hash));
  const content = useRef<HTMLDivElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    const onHash = () => {
      moved.current = true;
      setSection(sectionFor(location.hash));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    // After a switch (not on load), the new section's heading takes focus, as a new page's would.
    if (!moved.current) return;
    window.scrollTo(0, 0);
    content.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [section]);

  return (
    <div className="options">
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
      <div className="options__layout">
        <nav aria-label="Settings sections" className="options__nav">
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`} aria-current={s.id === section.id ? 'page' : undefined}>
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
          <a className="options__policy" href="/privacy.html">
            Privacy policy
          </a>
        </nav>
        <main className="options__content" ref={content}>
          <ErrorBoundary key={section.id} what={`The ${section.label.toLowerCase()} settings`}>
            <section.Component />
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
