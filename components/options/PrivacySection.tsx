import { useEffect } from 'react';
import { BUILTIN_BLOCK_SELECTOR, BUILTIN_MASK_SELECTOR } from '@/lib/settings';
import { useOptionsStore } from './options-store';
import { tryMatchSelector } from './try-match';

export function PrivacySection() {
  const blockText = useOptionsStore((s) => s.blockText);
  const maskText = useOptionsStore((s) => s.maskText);
  const keepFullUrls = useOptionsStore((s) => s.keepFullUrls);
  const loaded = useOptionsStore((s) => s.privacyLoaded);
  const message = useOptionsStore((s) => s.privacyMessage);
  const { loadPrivacy, setBlockText, setMaskText, setKeepFullUrls, savePrivacy } =
    useOptionsStore.getState();
  useEffect(() => void loadPrivacy(), [loadPrivacy]);

  return (
    <section aria-labelledby="privacy-title" className="card">
      <h2 id="privacy-title" tabIndex={-1}>
        Privacy
      </h2>
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
            void savePrivacy(tryMatchSelector);
          }}
        >
          <div className="two-columns">
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
          </div>
          <div className="checkbox-field">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={keepFullUrls}
                onChange={(e) => setKeepFullUrls(e.target.checked)}
              />
              Keep full URLs, query values and fragments included
            </label>
            <span className="hint">
              Off by default: addresses are stored without the values in their query and without
              their <code>#</code> part (<code>/reset?token=</code>), where tokens and searches
              often are. Turn it on only for a product whose pages need them. Applies from the next
              session.
            </span>
          </div>
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
  );
}
