import { applyScheme, resolveBareOrigins } from '@/lib/urls';
import { usePopupStore } from './popup-store';
import './quick-start.css';

/** A session without a study kit: title, alias and the sites to record typed here. */
export function QuickStartForm() {
  const form = usePopupStore((s) => s.form);
  const busy = usePopupStore((s) => s.busy);
  const tab = usePopupStore((s) => s.tab);
  const { setForm, start } = usePopupStore.getState();
  // A site typed without http:// or https:// takes the current tab's scheme, or is asked.
  const bare = resolveBareOrigins(form.origins, tab?.origin ?? null);
  const tabScheme = tab?.origin ? new URL(tab.origin).protocol.slice(0, -1) : '';
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        if (bare.unsure.length) return;
        if (bare.text !== form.origins) setForm({ origins: bare.text });
        void start();
      }}
    >
      <label>
        Session title
        <input
          value={form.title}
          onChange={(e) => setForm({ title: e.target.value })}
          placeholder="e.g. Get paid online"
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
      <div className="stack-tight">
        <label>
          Sites to record
          <textarea
            rows={2}
            value={form.origins}
            onChange={(e) => setForm({ origins: e.target.value })}
            placeholder="https://app.example.com"
            aria-describedby="quick-sites-hint"
          />
        </label>
        <span id="quick-sites-hint" className="hint">
          One per line. Nothing else is recorded; input values are always masked.
          {bare.fromTab.length > 0 &&
            ` ${bare.fromTab.join(', ')}: ${tabScheme}://, as in the current tab.`}
        </span>
        {/* Asked rather than guessed: a local server on https:// would wait for the wrong site. */}
        {bare.unsure.map((part) => (
          <div key={part} role="group" aria-label={`Scheme for ${part}`} className="scheme-choice">
            <span>
              <strong>{part}</strong>: http:// or https://?
            </span>
            {(['http', 'https'] as const).map((scheme) => (
              <button
                key={scheme}
                type="button"
                className="button button--small"
                aria-label={`Use ${scheme}://${part}`}
                onClick={() => setForm({ origins: applyScheme(form.origins, part, scheme) })}
              >
                {scheme}://
              </button>
            ))}
          </div>
        ))}
      </div>
      <button
        type="submit"
        className="button button--primary"
        disabled={busy || !tab || bare.unsure.length > 0}
      >
        Start session
      </button>
      {!tab && (
        <p className="muted">Open the product you want to study in a tab, then start here.</p>
      )}
    </form>
  );
}
