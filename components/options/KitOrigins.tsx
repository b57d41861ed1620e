import { KIT_LIMITS } from '@/lib/studies';
import { Field, type KitRowsProps } from './KitField';
import { useOptionsStore } from './options-store';

/** Where the study records, and for how long. */
export function KitOrigins({ draft, errorFor }: KitRowsProps) {
  const { editDraft } = useOptionsStore.getState();
  return (
    <div className="two-columns">
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
