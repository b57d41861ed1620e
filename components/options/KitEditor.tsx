import { useState } from 'react';
import { KIT_LIMITS } from '@/lib/studies';
import { download } from '@/components/shared/download';
import { ConfirmDialog } from '@/components/shared/ConfirmDialog';
import { Field } from './KitField';
import { KitOrigins } from './KitOrigins';
import { KitPrivacy } from './KitPrivacy';
import { KitRound } from './KitRound';
import { KitRules } from './KitRules';
import { KitTags } from './KitTags';
import { KitTasks } from './KitTasks';
import { useOptionsStore } from './options-store';
import { DRAFT_EXPORT_REASON } from './studies-slice';
import { tryMatchSelector } from './try-match';

export function KitEditor() {
  const draft = useOptionsStore((s) => s.draft);
  const stored = useOptionsStore((s) => s.draftStored);
  const dirty = useOptionsStore((s) => s.draftDirty);
  const errors = useOptionsStore((s) => s.draftErrors);
  const notice = useOptionsStore((s) => s.editorNotice);
  const busy = useOptionsStore((s) => s.studiesBusy);
  const savedTitle = useOptionsStore((s) => s.studies.find((x) => x.id === s.draft?.id)?.title);
  const { editDraft, saveDraft, exportDraft, deleteOpenStudy, showStudyAs } =
    useOptionsStore.getState();
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  if (!draft) return null;
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  const title = savedTitle ?? draft.title;
  const isDraft = draft.status === 'draft';

  return (
    <form
      className="editor"
      aria-labelledby="editor-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void saveDraft(tryMatchSelector, 'ready');
      }}
    >
      <div className="editor__head">
        <h3 id="editor-title">
          {stored ? `Edit “${title}”` : 'New study'}
          {isDraft && <span className="badge badge--draft">Draft</span>}
          {dirty && <span className="badge">Unsaved changes</span>}
        </h3>
        <button type="button" className="button" onClick={() => showStudyAs('participant')}>
          Preview as participant
        </button>
      </div>

      <div className="editor__groups">
        <div className="stack">
          <div className="two-columns">
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
            <KitRound draft={draft} errorFor={errorFor} />
          </div>
          <Field
            id="kit-scenario"
            label="Scenario"
            error={errorFor('scenario')}
            hint="The situation the participant steps into, in a few paragraphs. Markdown: **bold**, *italic*, lists, links."
          >
            {(control) => (
              <textarea
                {...control}
                rows={8}
                value={draft.scenario}
                maxLength={KIT_LIMITS.scenario}
                placeholder="You run a small bakery and want to take card payments online…"
                onChange={(e) => editDraft((d) => ({ ...d, scenario: e.target.value }))}
              />
            )}
          </Field>
        </div>
        <div className="stack">
          <Field id="kit-persona" label="Persona" hint="Who the participant plays.">
            {(control) => (
              <textarea
                {...control}
                rows={4}
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
                rows={4}
                value={draft.goal}
                maxLength={KIT_LIMITS.goal}
                placeholder="Receive your first payout"
                onChange={(e) => editDraft((d) => ({ ...d, goal: e.target.value }))}
              />
            )}
          </Field>
        </div>
        <div className="span-all">
          <KitTasks draft={draft} errorFor={errorFor} />
        </div>
        <KitRules draft={draft} />
        <KitOrigins draft={draft} errorFor={errorFor} />
        <div className="span-all">
          <KitTags draft={draft} errorFor={errorFor} />
        </div>
        <div className="span-all">
          <KitPrivacy draft={draft} errorFor={errorFor} />
        </div>
      </div>

      {errors.length > 0 && (
        <div role="alert" className="notice notice--error editor__errors">
          <p>
            The study was not saved. Fix {errors.length === 1 ? 'this' : 'these'} first, or save it
            as a draft to finish later:
          </p>
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
          Save as ready
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void saveDraft(tryMatchSelector, 'draft')}
        >
          Save as draft
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || isDraft}
          aria-describedby={isDraft ? 'kit-export-reason' : undefined}
          onClick={async () => {
            const file = await exportDraft(tryMatchSelector);
            if (file) download(file.blob, file.fileName);
          }}
        >
          Export kit
        </button>
        {isDraft && (
          <span id="kit-export-reason" className="hint">
            {DRAFT_EXPORT_REASON}
          </span>
        )}
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
