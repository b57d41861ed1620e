import { Field, type KitRowsProps } from './KitField';
import { useOptionsStore } from './options-store';

/** The study's own block and mask selectors and its URL setting, on top of the global ones. */
export function KitPrivacy({ draft, errorFor }: KitRowsProps) {
  const { editDraft } = useOptionsStore.getState();
  return (
    <fieldset className="group">
      <legend>Privacy for this study</legend>
      <p className="hint">Added to those of the Privacy section, one CSS selector per line.</p>
      <div className="two-columns">
        <Field id="kit-block" label="Block selectors for this study" error={errorFor('block')}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={draft.blockText}
              placeholder=".customer-card"
              onChange={(e) => editDraft((d) => ({ ...d, blockText: e.target.value }))}
            />
          )}
        </Field>
        <Field id="kit-mask" label="Mask selectors for this study" error={errorFor('mask')}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={draft.maskText}
              placeholder="[data-private]"
              onChange={(e) => editDraft((d) => ({ ...d, maskText: e.target.value }))}
            />
          )}
        </Field>
      </div>
      <div className="checkbox-field">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.keepFullUrls}
            onChange={(e) => editDraft((d) => ({ ...d, keepFullUrls: e.target.checked }))}
          />
          Keep full URLs in this study’s recordings
        </label>
        <span className="hint">
          Off by default: addresses are stored without the values in their query and without their{' '}
          <code>#</code> part, where tokens often are. Turn it on only if the product’s pages need
          them (search terms, record ids in the query).
        </span>
      </div>
    </fieldset>
  );
}
