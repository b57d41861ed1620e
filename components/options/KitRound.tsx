import { KIT_LIMITS } from '@/lib/studies';
import { Field, type KitRowsProps } from './KitField';
import { useOptionsStore } from './options-store';

/** Which run of the kit this is: the review page compares a study's rounds. */
export function KitRound({ draft, errorFor }: KitRowsProps) {
  const { editDraft } = useOptionsStore.getState();
  return (
    <Field
      id="kit-round"
      label="Round"
      hint="Round 2 re-runs the same kit after fixes; the review page compares rounds."
      error={errorFor('round')}
    >
      {(control) => (
        <input
          {...control}
          type="number"
          inputMode="numeric"
          min={1}
          max={KIT_LIMITS.round}
          step={1}
          value={draft.roundText}
          onChange={(e) => editDraft((d) => ({ ...d, roundText: e.target.value }))}
        />
      )}
    </Field>
  );
}
