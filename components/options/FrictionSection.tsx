import { useEffect } from 'react';
import { defaultThreshold, THRESHOLD_FIELDS, THRESHOLD_GROUPS } from '@/lib/settings';
import { Field } from './KitField';
import { useOptionsStore } from './options-store';

const controlId = (id: string) => `threshold-${id.replace('.', '-')}`;

/** The friction detectors' thresholds, each with its default, saved for every session. */
export function FrictionSection() {
  const texts = useOptionsStore((s) => s.thresholdTexts);
  const errors = useOptionsStore((s) => s.thresholdErrors);
  const loaded = useOptionsStore((s) => s.thresholdsLoaded);
  const notice = useOptionsStore((s) => s.thresholdsNotice);
  const { loadThresholds, setThreshold, saveThresholds, resetThresholds } =
    useOptionsStore.getState();
  useEffect(() => void loadThresholds(), [loadThresholds]);

  return (
    <section aria-labelledby="friction-title" className="card">
      <h2 id="friction-title" tabIndex={-1}>
        Friction detection
      </h2>
      <p className="muted">
        While a session records, Study Group notices friction by itself: rage and dead clicks,
        errors, failed requests, slow pages, U-turns and repeated form errors. These thresholds
        decide when a moment counts. They apply to every study, from the next page recorded.
      </p>
      {loaded && (
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void saveThresholds();
          }}
        >
          <div className="threshold-groups">
            {THRESHOLD_GROUPS.map((g) => (
              <fieldset key={g.group} className="group">
                <legend>{g.title}</legend>
                <p className="hint">{g.hint}</p>
                <div className="threshold-fields">
                  {THRESHOLD_FIELDS.filter((f) => f.group === g.group).map((f) => (
                    <Field
                      key={f.id}
                      id={controlId(f.id)}
                      label={`${f.label} (${f.unit})`}
                      hint={`Default ${defaultThreshold(f)}`}
                      error={errors.find((e) => e.field === f.id)?.message}
                    >
                      {(control) => (
                        <input
                          {...control}
                          type="number"
                          inputMode="numeric"
                          min={f.min}
                          max={f.max}
                          step={f.integer ? 1 : 'any'}
                          value={texts[f.id] ?? ''}
                          onChange={(e) => setThreshold(f.id, e.target.value)}
                        />
                      )}
                    </Field>
                  ))}
                </div>
              </fieldset>
            ))}
          </div>
          {notice && (
            <p
              role={notice.type === 'error' ? 'alert' : 'status'}
              className={`notice notice--${notice.type === 'error' ? 'error' : 'info'}`}
            >
              {notice.text}
            </p>
          )}
          <div className="row">
            <button type="submit" className="button button--primary">
              Save thresholds
            </button>
            <button type="button" className="button" onClick={() => void resetThresholds()}>
              Reset to defaults
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
