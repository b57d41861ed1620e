import { MarkdownText } from '@/components/shared/MarkdownText';
import { usePopupStore } from './popup-store';

/** The study's scenario, rules and what is recorded, read and agreed to before it starts. */
export function ConsentStep() {
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
