import { chooseScheme, KIT_LIMITS, schemeChoices } from '@/lib/studies';
import { Field, type KitRowsProps } from './KitField';
import { useOptionsStore } from './options-store';

/** Where the study records, and for how long. */
export function KitOrigins({ draft, errorFor }: KitRowsProps) {
  const { editDraft } = useOptionsStore.getState();
  const unsure = schemeChoices(draft.originsText);
  return (
    <div className="two-columns">
      <div className="stack-tight">
        <Field
          id="kit-origins"
          label="Origins to record"
          hint="One per line, e.g. https://app.example.com."
          error={errorFor('origins')}
        >
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={draft.originsText}
              placeholder="https://app.example.com"
              onChange={(e) => editDraft((d) => ({ ...d, originsText: e.target.value }))}
            />
          )}
        </Field>
        {/* Asked rather than guessed: a local server on https:// would wait for the wrong origin. */}
        {unsure.map((line) => (
          <div key={line} role="group" aria-label={`Scheme for ${line}`} className="scheme-choice">
            <span>
              <strong>{line}</strong>: http:// or https://?
            </span>
            {(['http', 'https'] as const).map((scheme) => (
              <button
                key={scheme}
                type="button"
                className="button button--small"
                aria-label={`Use ${scheme}://${line}`}
                onClick={() => editDraft((d) => chooseScheme(d, line, scheme))}
              >
                {scheme}://
              </button>
            ))}
          </div>
        ))}
      </div>
      <Field
        id="kit-time-box"
        label="Time box (minutes)"
        hint={`Optional, 1 to ${KIT_LIMITS.timeBoxMinutes}.`}
        error={errorFor('timeBox')}
      >
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={1}
            max={KIT_LIMITS.timeBoxMinutes}
            step={1}
            value={draft.timeBoxText}
            onChange={(e) => editDraft((d) => ({ ...d, timeBoxText: e.target.value }))}
          />
        )}
      </Field>
    </div>
  );
}
