import { useEffect, useRef, type KeyboardEvent } from 'react';
import {
  EASE_ENDS,
  EASE_QUESTION,
  EASE_VALUES,
  type Ease,
  type TaskAwaitingEase,
} from '@/lib/contracts';
import { usePopupStore } from './popup-store';

/**
 * The Single Ease Question about the task that just ended. Its outcome is
 * already stored; this only adds the answer, and asks again next time the
 * popup opens until it is answered or skipped.
 */
export function EaseQuestion({
  task,
  onAnswered,
}: {
  task: TaskAwaitingEase;
  /** Where focus goes once the question is gone. */
  onAnswered(): void;
}) {
  const busy = usePopupStore((s) => s.busy);
  const { answerEase } = usePopupStore.getState();
  const group = useRef<HTMLFieldSetElement>(null);
  // The question takes focus when it appears, so the answer is one key press away.
  useEffect(() => group.current?.focus(), [task.taskId]);

  async function answer(ease: Ease | null) {
    if (await answerEase(task.taskId, ease)) onAnswered();
  }

  function onKeyDown(event: KeyboardEvent) {
    const ease = EASE_VALUES.find((v) => String(v) === event.key);
    if (ease === undefined || busy) return;
    event.preventDefault();
    void answer(ease);
  }

  return (
    <fieldset
      className="ease"
      ref={group}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      aria-describedby="ease-task"
    >
      <legend>{EASE_QUESTION}</legend>
      <p id="ease-task" className="ease__task">
        {task.outcome === 'done' ? 'Done' : 'Gave up'}: {task.title}
      </p>
      <div className="ease__scale">
        {EASE_VALUES.map((value) => {
          const end = value === 1 || value === 7 ? EASE_ENDS[value] : null;
          return (
            <button
              key={value}
              type="button"
              className="button ease__value"
              aria-label={end ? `${value}: ${end}` : undefined}
              disabled={busy}
              onClick={() => void answer(value)}
            >
              {value}
            </button>
          );
        })}
      </div>
      <div className="ease__ends" aria-hidden="true">
        <span>{EASE_ENDS[1]}</span>
        <span>{EASE_ENDS[7]}</span>
      </div>
      <div className="ease__footer">
        <span className="muted">Press 1–7 to answer.</span>
        <button type="button" className="link" disabled={busy} onClick={() => void answer(null)}>
          Skip
        </button>
      </div>
    </fieldset>
  );
}
