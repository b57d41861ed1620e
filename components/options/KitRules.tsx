import { addRule, KIT_LIMITS, removeRule, updateRule } from '@/lib/studies';
import { Field, OneLine, type KitRowsProps } from './KitField';
import { useOptionsStore } from './options-store';

/** The rules every participant agrees to, one row each. */
export function KitRules({ draft }: Pick<KitRowsProps, 'draft'>) {
  const { editDraft } = useOptionsStore.getState();
  return (
    <fieldset className="group">
      <legend>Rules</legend>
      <p className="hint">What every participant agrees to before starting.</p>
      {draft.rules.length > 0 && (
        <ol className="items">
          {draft.rules.map((rule, i) => (
            <li key={rule.id} className="item item--rule">
              <span className="item__number" aria-hidden="true">
                {i + 1}
              </span>
              <Field
                id={`rule-${rule.id}`}
                label={<span className="visually-hidden">Rule {i + 1}</span>}
              >
                {(control) => (
                  <OneLine
                    {...control}
                    value={rule.text}
                    maxLength={KIT_LIMITS.rule}
                    onChange={(text) => editDraft((d) => updateRule(d, rule.id, text))}
                  />
                )}
              </Field>
              <div className="item__actions">
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Remove rule ${i + 1}`}
                  onClick={() => editDraft((d) => removeRule(d, rule.id))}
                >
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <div>
        <button
          type="button"
          className="button"
          disabled={draft.rules.length >= KIT_LIMITS.rules}
          onClick={() => editDraft((d) => addRule(d, crypto.randomUUID()))}
        >
          Add rule
        </button>
      </div>
    </fieldset>
  );
}
