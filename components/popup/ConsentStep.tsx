import { MarkdownText } from '@/components/shared/MarkdownText';
import { usePopupStore } from './popup-store';
import { plural, siteNames } from './site-names';

/**
 * The study's role-play, tasks, rules and what is recorded, read and agreed to
 * before it starts. The page scrolls as one; the alias and Start stay in a
 * sticky footer, so they are visible at Chrome's 600 px popup cap.
 */
export function ConsentStep() {
  const study = usePopupStore((s) => s.studies.find((x) => x.id === s.studyId));
  const form = usePopupStore((s) => s.form);
  const busy = usePopupStore((s) => s.busy);
  const tab = usePopupStore((s) => s.tab);
  const { setForm, setStep, start } = usePopupStore.getState();
  if (!study) return null;
  const length = [
    plural(study.tasks.length, 'task'),
    study.timeBoxMinutes ? `about ${plural(study.timeBoxMinutes, 'minute')}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <form
      className="consent"
      aria-labelledby="consent-title"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <div className="stack consent__body">
        <h2 id="consent-title">{study.title}</h2>
        <dl className="consent__facts">
          <dt>You are</dt>
          <dd>{study.persona}</dd>
          <dt>Your goal</dt>
          <dd>{study.goal}</dd>
          <dt>Length</dt>
          <dd data-testid="consent-length">{length}</dd>
        </dl>
        <section aria-labelledby="scenario-title" className="consent__scenario">
          <h3 id="scenario-title">The scenario</h3>
          <MarkdownText text={study.scenario} />
        </section>
        <section aria-labelledby="tasks-title">
          <h3 id="tasks-title">Your tasks</h3>
          <ol className="consent__tasks">
            {study.tasks.map((task) => (
              <li key={task.id}>
                {task.title}
                {task.doneWhen && <span className="muted"> · done when: {task.doneWhen}</span>}
              </li>
            ))}
          </ol>
        </section>
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
              Only pages of {siteNames(study.origins)}, in this tab and tabs you open from it, until
              you stop.
            </li>
            <li>Everything you type is masked; passwords are never recorded.</li>
            <li>Nothing leaves this browser until you export it.</li>
          </ul>
        </section>
      </div>
      <div className="stack consent__footer">
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
      </div>
    </form>
  );
}
