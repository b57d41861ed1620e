import { useMemo } from 'react';
import { useOptionsStore } from './options-store';
import { ParticipantPreview } from './ParticipantPreview';
import { previewKit } from './preview-kit';

const hostOf = (origin: string) => {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
};

/**
 * The open study as its participants meet it: who they play, what they do,
 * how to start, and the popup and page panel themselves. Where an imported
 * kit lands; editing it is a deliberate switch.
 */
export function ParticipantView() {
  const draft = useOptionsStore((s) => s.draft);
  const dirty = useOptionsStore((s) => s.draftDirty);
  const { showStudyAs } = useOptionsStore.getState();
  const kit = useMemo(() => (draft ? previewKit(draft) : null), [draft]);
  if (!kit || !draft) return null;
  const product = kit.origins[0];
  const isDraft = draft.status === 'draft';

  return (
    <section className="participant" aria-labelledby="participant-title">
      <div className="editor__head">
        <h3 id="participant-title">
          {kit.title || 'Untitled study'}
          <span className="badge badge--draft">As a participant sees it</span>
          {dirty && <span className="badge">Unsaved changes</span>}
        </h3>
        <button type="button" className="button" onClick={() => showStudyAs('edit')}>
          Edit this kit
        </button>
      </div>
      {isDraft && (
        <p className="notice notice--warning">
          This study is a draft: the popup does not offer it until it is saved as ready.
        </p>
      )}
      <div className="participant__summary">
        <dl className="participant__facts">
          <dt>You are</dt>
          <dd>{kit.persona || '—'}</dd>
          <dt>Your goal</dt>
          <dd>{kit.goal || '—'}</dd>
          <dt>Your tasks</dt>
          <dd>
            {kit.tasks.length ? (
              <ol>
                {kit.tasks.map((task) => (
                  <li key={task.id}>{task.title}</li>
                ))}
              </ol>
            ) : (
              '—'
            )}
          </dd>
        </dl>
        <div className="participant__start" aria-labelledby="start-title" role="group">
          <h4 id="start-title">To start</h4>
          <ol>
            <li>
              Open the product in a tab of this window:{' '}
              {product ? (
                <a
                  className="button button--primary"
                  href={product}
                  target="_blank"
                  rel="noreferrer"
                >
                  Open {hostOf(product)}
                </a>
              ) : (
                <span className="muted">(the kit names no site yet)</span>
              )}
            </li>
            <li>
              Click the Study Group button in the browser’s toolbar (pin it from the puzzle-piece
              menu if you do not see it), choose “{kit.title || 'Untitled study'}”, press Continue,
              read the screen shown below and press <strong>Start session</strong>.
            </li>
          </ol>
        </div>
      </div>
      <ParticipantPreview kit={kit} />
    </section>
  );
}
