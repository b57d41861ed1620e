import { useState, type ReactNode } from 'react';
import { KIT_LIMITS } from '@/lib/studies';
import { ConfirmDialog } from './ConfirmDialog';
import {
  addRule,
  addTag,
  addTask,
  canAddTag,
  moveTask,
  removeRule,
  removeTag,
  removeTask,
  TAG_KEYS,
  textColorOn,
  updateRule,
  updateTag,
  updateTask,
} from './kit-draft';
import { useOptionsStore } from './options-store';
import { download } from '@/components/shared/download';
import { tryMatchSelector } from './try-match';

const newId = () => crypto.randomUUID();

interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * A label, its control, a hint and an error. The hint and error sit outside
 * the label so they do not become part of the control's name; they are tied
 * to it by aria-describedby instead. In list rows the row shows the error
 * (`errorInRow`), across its whole width, with the same id.
 */
function Field(props: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  errorInRow?: boolean;
  className?: string;
  children(control: ControlProps): ReactNode;
}) {
  const { id, label, hint, error } = props;
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ');
  return (
    <div className={props.className ? `field ${props.className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {props.children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {error && !props.errorInRow && <FieldError id={id} error={error} />}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}

function FieldError({ id, error }: { id: string; error: string }) {
  return (
    <span id={`${id}-error`} className="field-error">
      {error}
    </span>
  );
}

/** The errors of a list row's fields, below the row. */
function RowErrors({ errors }: { errors: [id: string, error: string | undefined][] }) {
  const shown = errors.filter((e): e is [string, string] => e[1] !== undefined);
  if (!shown.length) return null;
  return (
    <div className="item__errors">
      {shown.map(([id, error]) => (
        <FieldError key={id} id={id} error={error} />
      ))}
    </div>
  );
}

/** A label's text with a prefix only screen readers hear, e.g. "Task 2" before "Title". */
const scoped = (scope: string, text: string) => (
  <>
    <span className="visually-hidden">{scope} </span>
    {text}
  </>
);

export function KitEditor() {
  const draft = useOptionsStore((s) => s.draft);
  const stored = useOptionsStore((s) => s.draftStored);
  const dirty = useOptionsStore((s) => s.draftDirty);
  const errors = useOptionsStore((s) => s.draftErrors);
  const notice = useOptionsStore((s) => s.editorNotice);
  const busy = useOptionsStore((s) => s.studiesBusy);
  const savedTitle = useOptionsStore((s) => s.studies.find((x) => x.id === s.draft?.id)?.title);
  const { editDraft, saveDraft, exportDraft, deleteOpenStudy } = useOptionsStore.getState();
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  if (!draft) return null;
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  const title = savedTitle ?? draft.title;

  return (
    <form
      className="editor"
      aria-labelledby="editor-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void saveDraft(tryMatchSelector);
      }}
    >
      <h3 id="editor-title">
        {stored ? `Edit “${title}”` : 'New study'}
        {dirty && <span className="badge">unsaved changes</span>}
      </h3>

      <Field id="kit-title" label="Study title" error={errorFor('title')}>
        {(control) => (
          <input
            {...control}
            value={draft.title}
            maxLength={KIT_LIMITS.title}
            onChange={(e) => editDraft((d) => ({ ...d, title: e.target.value }))}
          />
        )}
      </Field>

      <Field
        id="kit-scenario"
        label="Scenario"
        hint="The situation the participant steps into, in a few paragraphs. Markdown: **bold**, *italic*, lists, links."
      >
        {(control) => (
          <textarea
            {...control}
            rows={7}
            value={draft.scenario}
            maxLength={KIT_LIMITS.scenario}
            placeholder="You run a small bakery and want to take card payments online…"
            onChange={(e) => editDraft((d) => ({ ...d, scenario: e.target.value }))}
          />
        )}
      </Field>

      <div className="two-columns">
        <Field id="kit-persona" label="Persona" hint="Who the participant plays.">
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={draft.persona}
              maxLength={KIT_LIMITS.persona}
              placeholder="Owner of a small bakery, not technical, busy mornings"
              onChange={(e) => editDraft((d) => ({ ...d, persona: e.target.value }))}
            />
          )}
        </Field>
        <Field id="kit-goal" label="Goal" hint="What the customer wants done by the end.">
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={draft.goal}
              maxLength={KIT_LIMITS.goal}
              placeholder="Receive your first payout"
              onChange={(e) => editDraft((d) => ({ ...d, goal: e.target.value }))}
            />
          )}
        </Field>
      </div>

      <fieldset className="group">
        <legend>Tasks</legend>
        {draft.tasks.length === 0 ? (
          <p className="hint">No tasks yet: participants work toward the goal on their own.</p>
        ) : (
          <ol className="items">
            {draft.tasks.map((task, i) => {
              const n = i + 1;
              const titleError = errorFor(`task:${task.id}`);
              return (
                <li key={task.id} className="item item--task">
                  <span className="item__number" aria-hidden="true">
                    {n}
                  </span>
                  <Field
                    id={`task-${task.id}-title`}
                    label={scoped(`Task ${n}`, 'Title')}
                    error={titleError}
                    errorInRow
                  >
                    {(control) => (
                      <input
                        {...control}
                        value={task.title}
                        maxLength={KIT_LIMITS.taskTitle}
                        onChange={(e) =>
                          editDraft((d) => updateTask(d, task.id, { title: e.target.value }))
                        }
                      />
                    )}
                  </Field>
                  <Field id={`task-${task.id}-done`} label={scoped(`Task ${n}`, 'Done when')}>
                    {(control) => (
                      <input
                        {...control}
                        value={task.doneWhen}
                        maxLength={KIT_LIMITS.doneWhen}
                        placeholder="You see the payout date"
                        onChange={(e) =>
                          editDraft((d) => updateTask(d, task.id, { doneWhen: e.target.value }))
                        }
                      />
                    )}
                  </Field>
                  <div className="item__actions">
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Move task ${n} up`}
                      disabled={i === 0}
                      onClick={() => editDraft((d) => moveTask(d, task.id, -1))}
                    >
                      Up
                    </button>
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Move task ${n} down`}
                      disabled={i === draft.tasks.length - 1}
                      onClick={() => editDraft((d) => moveTask(d, task.id, 1))}
                    >
                      Down
                    </button>
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Remove task ${n}`}
                      onClick={() => editDraft((d) => removeTask(d, task.id))}
                    >
                      Remove
                    </button>
                  </div>
                  <RowErrors errors={[[`task-${task.id}-title`, titleError]]} />
                </li>
              );
            })}
          </ol>
        )}
        <div>
          <button
            type="button"
            className="button"
            disabled={draft.tasks.length >= KIT_LIMITS.tasks}
            onClick={() => editDraft((d) => addTask(d, newId()))}
          >
            Add task
          </button>
        </div>
      </fieldset>

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
                    <input
                      {...control}
                      value={rule.text}
                      maxLength={KIT_LIMITS.rule}
                      onChange={(e) => editDraft((d) => updateRule(d, rule.id, e.target.value))}
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
            onClick={() => editDraft((d) => addRule(d, newId()))}
          >
            Add rule
          </button>
        </div>
      </fieldset>

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
            onClick={() => editDraft((d) => addTag(d, newId()))}
          >
            Add tag
          </button>
        </div>
      </fieldset>

      <fieldset className="group">
        <legend>Privacy for this study</legend>
        <p className="hint">Added to the Privacy settings above, one CSS selector per line.</p>
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

      {errors.length > 0 && (
        <div role="alert" className="notice notice--error editor__errors">
          <p>The study was not saved. Fix {errors.length === 1 ? 'this' : 'these'} first:</p>
          <ul>
            {errors.map((e) => (
              <li key={`${e.field}:${e.message}`}>{e.message}</li>
            ))}
          </ul>
        </div>
      )}
      {notice && (
        <p
          role={notice.type === 'error' ? 'alert' : 'status'}
          className={`notice notice--${notice.type === 'error' ? 'error' : 'info'}`}
        >
          {notice.text}
        </p>
      )}

      <div className="editor__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Save study
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={async () => {
            const file = await exportDraft(tryMatchSelector);
            if (file) download(file.blob, file.fileName);
          }}
        >
          Export kit
        </button>
        {stored && (
          <button
            type="button"
            className="button button--danger editor__delete"
            onClick={() => setConfirmingDelete(true)}
          >
            Delete study
          </button>
        )}
      </div>

      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete “${title}”?`}
        confirmLabel="Delete"
        danger
        onConfirm={() => {
          setConfirmingDelete(false);
          void deleteOpenStudy();
        }}
        onCancel={() => setConfirmingDelete(false)}
      >
        <p>
          The kit is removed from this browser; sessions already recorded with it keep their own
          copy. Export it first if you may need it again.
        </p>
      </ConfirmDialog>
    </form>
  );
}
