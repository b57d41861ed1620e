import { addTask, KIT_LIMITS, moveTask, removeTask, updateTask } from '@/lib/studies';
import { Field, OneLine, RowErrors, scoped, type KitRowsProps } from './KitField';
import { useOptionsStore } from './options-store';

/** The kit's tasks, in order: each row edits, moves or removes one. */
export function KitTasks({ draft, errorFor }: KitRowsProps) {
  const { editDraft } = useOptionsStore.getState();
  const tasksError = errorFor('tasks');
  return (
    <fieldset className="group">
      <legend>Tasks</legend>
      {draft.tasks.length === 0 ? (
        <p className={tasksError ? 'field-error' : 'hint'}>
          {tasksError ?? 'No tasks yet: a ready study needs at least one.'}
        </p>
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
                    <OneLine
                      {...control}
                      value={task.title}
                      maxLength={KIT_LIMITS.taskTitle}
                      onChange={(title) => editDraft((d) => updateTask(d, task.id, { title }))}
                    />
                  )}
                </Field>
                <Field id={`task-${task.id}-done`} label={scoped(`Task ${n}`, 'Done when')}>
                  {(control) => (
                    <OneLine
                      {...control}
                      value={task.doneWhen}
                      maxLength={KIT_LIMITS.doneWhen}
                      placeholder="You see the payout date"
                      onChange={(doneWhen) =>
                        editDraft((d) => updateTask(d, task.id, { doneWhen }))
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
          onClick={() => editDraft((d) => addTask(d, crypto.randomUUID()))}
        >
          Add task
        </button>
      </div>
    </fieldset>
  );
}
