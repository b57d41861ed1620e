import { EndNotice } from './EndNotice';
import { openPage } from './open-page';
import { usePopupStore } from './popup-store';
import { QuickStartForm } from './QuickStartForm';

/** Pick a study (then read its consent) or fill a quick session. */
export function ChooseStep() {
  const studies = usePopupStore((s) => s.studies);
  const studyId = usePopupStore((s) => s.studyId);
  const { chooseStudy, setStep } = usePopupStore.getState();
  const study = studies.find((s) => s.id === studyId);

  return (
    <div className="stack">
      <EndNotice />
      <label>
        Study
        <select value={studyId ?? ''} onChange={(e) => chooseStudy(e.target.value || null)}>
          {studies.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
          <option value="">Quick session (no study kit)</option>
        </select>
        {studies.length === 0 && (
          <span className="hint">
            A facilitator’s study kit sets the scenario and tasks.{' '}
            <button type="button" className="link" onClick={() => openPage('/options.html')}>
              Import a kit
            </button>
          </span>
        )}
      </label>
      {study ? (
        <>
          <p className="goal">
            <strong>Goal:</strong> {study.goal}
          </p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => setStep('consent')}
          >
            Continue
          </button>
        </>
      ) : (
        <QuickStartForm />
      )}
    </div>
  );
}
