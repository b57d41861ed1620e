import { usePopupStore } from './popup-store';

/** A session without a study kit: title, alias and origins typed here. */
export function QuickStartForm() {
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
      <label>
        Sites to record
        <textarea
          rows={2}
          value={form.origins}
          onChange={(e) => setForm({ origins: e.target.value })}
          placeholder="https://app.example.com"
        />
        <span className="hint">
          One address per line. Nothing else is recorded; what you type is always masked.
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
