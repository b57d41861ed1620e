import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { BUILTIN_BLOCK_SELECTOR, BUILTIN_MASK_SELECTOR } from '@/lib/settings';
import { useOptionsStore } from './options-store';
import './options.css';

export function OptionsApp() {
  const { blockText, maskText, loaded, message } = useOptionsStore();
  const { load, setBlockText, setMaskText, save } = useOptionsStore.getState();
  useEffect(() => void load(), [load]);

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
      <section aria-labelledby="privacy-title" className="card">
        <h2 id="privacy-title">Privacy</h2>
        <p className="muted">
          Every input value is masked and password fields are never recorded; that cannot be turned
          off. Elements with class <code>sg-block</code> are blocked (recorded as an empty box) and{' '}
          <code>sg-mask</code> text is masked. Add your product’s own selectors below, one per line.
        </p>
        {loaded && (
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void save((selector) => document.createDocumentFragment().querySelector(selector));
            }}
          >
            <label>
              Block these elements
              <textarea
                rows={4}
                value={blockText}
                onChange={(e) => setBlockText(e.target.value)}
                placeholder=".customer-card"
              />
              <span className="hint">Always blocked: {BUILTIN_BLOCK_SELECTOR}</span>
            </label>
            <label>
              Mask the text of these elements
              <textarea
                rows={4}
                value={maskText}
                onChange={(e) => setMaskText(e.target.value)}
                placeholder="[data-private]"
              />
              <span className="hint">Always masked: {BUILTIN_MASK_SELECTOR}</span>
            </label>
            {message && (
              <p
                role={message.type === 'error' ? 'alert' : 'status'}
                className={`notice notice--${message.type === 'error' ? 'error' : 'info'}`}
              >
                {message.text}
              </p>
            )}
            <div>
              <button type="submit" className="button button--primary">
                Save privacy settings
              </button>
            </div>
          </form>
        )}
      </section>
    </main>
  );
}
