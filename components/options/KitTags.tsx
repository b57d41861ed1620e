import {
  addTag,
  canAddTag,
  KIT_LIMITS,
  removeTag,
  TAG_KEYS,
  textColorOn,
  updateTag,
} from '@/lib/studies';
import { Field, RowErrors, scoped, type KitRowsProps } from './KitField';
import { useOptionsStore } from './options-store';

/** The friction tags participants press, one row each with its key and colour. */
export function KitTags({ draft, errorFor }: KitRowsProps) {
  const { editDraft } = useOptionsStore.getState();
  return (
    <fieldset className="group">
      <legend>Friction tags</legend>
      <p className="hint">
        Participants press a tag’s key to mark a moment. Each tag needs its own key, 1 to 9.
      </p>
      <ul className="items">
        {draft.tags.map((tag, i) => {
          const n = i + 1;
          const labelError = errorFor(`tag:${tag.id}:label`);
          const keyError = errorFor(`tag:${tag.id}:key`);
          return (
            <li key={tag.id} className="item item--tag">
              <span
                className="tag-chip"
                style={{ background: tag.color, color: textColorOn(tag.color) }}
                aria-hidden="true"
              >
                <kbd>{tag.key}</kbd>
                {tag.label || '…'}
              </span>
              <Field
                id={`tag-${tag.id}-label`}
                label={scoped(`Tag ${n}`, 'Label')}
                error={labelError}
                errorInRow
              >
                {(control) => (
                  <input
                    {...control}
                    value={tag.label}
                    maxLength={KIT_LIMITS.tagLabel}
                    onChange={(e) =>
                      editDraft((d) => updateTag(d, tag.id, { label: e.target.value }))
                    }
                  />
                )}
              </Field>
              <Field id={`tag-${tag.id}-color`} label={scoped(`Tag ${n}`, 'Colour')}>
                {(control) => (
                  <input
                    {...control}
                    type="color"
                    value={tag.color}
                    onChange={(e) =>
                      editDraft((d) => updateTag(d, tag.id, { color: e.target.value }))
                    }
                  />
                )}
              </Field>
              <Field
                id={`tag-${tag.id}-key`}
                label={scoped(`Tag ${n}`, 'Key')}
                error={keyError}
                errorInRow
              >
                {(control) => (
                  <select
                    {...control}
                    value={tag.key}
                    onChange={(e) =>
                      editDraft((d) => updateTag(d, tag.id, { key: e.target.value }))
                    }
                  >
                    {TAG_KEYS.map((key) => (
                      <option key={key} value={key}>
                        {key}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <div className="item__actions">
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Remove tag ${n}`}
                  onClick={() => editDraft((d) => removeTag(d, tag.id))}
                >
                  Remove
                </button>
              </div>
              <RowErrors
                errors={[
                  [`tag-${tag.id}-label`, labelError],
                  [`tag-${tag.id}-key`, keyError],
                ]}
              />
            </li>
          );
        })}
      </ul>
      <div>
        <button
          type="button"
          className="button"
          disabled={!canAddTag(draft)}
          onClick={() => editDraft((d) => addTag(d, crypto.randomUUID()))}
        >
          Add tag
        </button>
      </div>
    </fieldset>
  );
}
