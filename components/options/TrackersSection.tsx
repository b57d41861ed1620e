import { useEffect, useId, useState } from 'react';
import { ConfirmDialog } from '@/components/shared/ConfirmDialog';
import { useOptionsStore } from './options-store';
import {
  maskSecret,
  targetPlace,
  TRACKER_FIELDS,
  TRACKER_TYPE_LABELS,
  type TrackerFieldSpec,
} from './trackers-form';
import type { TrackerTarget, TrackerType } from '@/lib/contracts';
import './trackers-section.css';

const TYPES = Object.keys(TRACKER_TYPE_LABELS) as TrackerType[];

/** Where exported findings go: the team's trackers, each with its token and a connection test. */
export function TrackersSection() {
  const targets = useOptionsStore((s) => s.trackerTargets);
  const loaded = useOptionsStore((s) => s.trackersLoaded);
  const form = useOptionsStore((s) => s.trackerForm);
  const notice = useOptionsStore((s) => s.trackerNotice);
  const releasable = useOptionsStore((s) => s.releasableAccess);
  const { loadTrackers, newTracker, dismissTrackerNotice, giveBackTrackerAccess } =
    useOptionsStore.getState();
  const [type, setType] = useState<TrackerType>('redmine');
  useEffect(() => void loadTrackers(), [loadTrackers]);

  return (
    <section id="trackers" aria-labelledby="trackers-title" className="card">
      <h2 id="trackers-title">Trackers</h2>
      <p className="muted">
        Where the review page sends findings. Tokens stay in this browser’s extension storage: they
        are never put in exports, bundles or receipts, and go only to their own tracker.
      </p>
      {notice && (
        <div
          role={notice.type === 'error' ? 'alert' : 'status'}
          className={`notice notice--${notice.type} notice--dismissible`}
        >
          <span>{notice.text}</span>
          <span className="row">
            {releasable && (
              <button type="button" className="button" onClick={() => void giveBackTrackerAccess()}>
                Give back access to {releasable.origins.join(', ')}
              </button>
            )}
            <button type="button" className="link" onClick={dismissTrackerNotice}>
              Dismiss
            </button>
          </span>
        </div>
      )}
      {loaded &&
        (targets.length === 0 ? (
          <p className="empty">No tracker yet: add one to send findings from the review page.</p>
        ) : (
          <ul className="tracker-list" aria-label="Configured trackers">
            {targets.map((t) => (
              <TrackerItem key={t.id} target={t} open={form?.id === t.id} />
            ))}
          </ul>
        ))}
      {!form && (
        <div className="row tracker-add">
          <label>
            <span>Tracker type</span>
            <select value={type} onChange={(e) => setType(e.target.value as TrackerType)}>
              {TYPES.map((t) => (
                <option key={t} value={t}>
                  {TRACKER_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" onClick={() => newTracker(type)}>
            Add tracker
          </button>
        </div>
      )}
      {form && <TrackerFormView />}
    </section>
  );
}

function TrackerItem({ target, open }: { target: TrackerTarget; open: boolean }) {
  const { editTracker, removeTracker } = useOptionsStore.getState();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className={`tracker-item${open ? ' is-open' : ''}`}>
      <span className="tracker-item__text">
        <span className="tracker-item__name">{target.name}</span>
        <span className="tracker-item__meta">
          {TRACKER_TYPE_LABELS[target.type]} · {targetPlace(target)}
          {target.labels.length > 0 && ` · labels ${target.labels.join(', ')}`}
        </span>
      </span>
      <span className="row">
        <button type="button" className="button" onClick={() => editTracker(target.id)}>
          Edit <span className="visually-hidden">{target.name}</span>
        </button>
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          Remove <span className="visually-hidden">{target.name}</span>
        </button>
      </span>
      <ConfirmDialog
        open={confirming}
        title={`Remove “${target.name}”?`}
        confirmLabel="Remove tracker and token"
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void removeTracker(target.id);
        }}
      >
        <p>
          Its token is deleted from this browser. Issues already filed stay in the tracker and their
          receipts stay on the findings.
        </p>
      </ConfirmDialog>
    </li>
  );
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <span id={id} className="field-error">
      {error}
    </span>
  ) : null;
}

function TrackerFormView() {
  const form = useOptionsStore((s) => s.trackerForm);
  const errors = useOptionsStore((s) => s.trackerErrors);
  const busy = useOptionsStore((s) => s.trackersBusy);
  const { setTrackerForm, saveTracker, testTracker, closeTracker } = useOptionsStore.getState();
  const ids = useId();
  if (!form) return null;
  const errorId = (key: string) => `${ids}-${key}-error`;
  const described = (key: string, hint?: boolean) =>
    [errors[key] ? errorId(key) : '', hint ? `${ids}-${key}-hint` : ''].filter(Boolean).join(' ') ||
    undefined;

  return (
    <form
      className="stack tracker-form"
      aria-labelledby={`${ids}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void saveTracker();
      }}
    >
      <h3 id={`${ids}-title`}>
        {form.id
          ? `Edit ${form.name || 'tracker'}`
          : `New ${TRACKER_TYPE_LABELS[form.type]} tracker`}
      </h3>
      <div className="tracker-form__grid">
        <div className="tracker-field">
          <label htmlFor={`${ids}-name`}>Name</label>
          <input
            id={`${ids}-name`}
            value={form.name}
            maxLength={100}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={described('name')}
            onChange={(e) => setTrackerForm({ name: e.target.value })}
          />
          <FieldError id={errorId('name')} error={errors.name} />
        </div>
        {TRACKER_FIELDS[form.type].map((spec) => (
          <TrackerField key={spec.key} spec={spec} ids={ids} described={described} />
        ))}
        <div className="tracker-field">
          <label htmlFor={`${ids}-labels`}>Default labels</label>
          <input
            id={`${ids}-labels`}
            value={form.labels}
            aria-invalid={errors.labels ? true : undefined}
            aria-describedby={described('labels', true)}
            onChange={(e) => setTrackerForm({ labels: e.target.value })}
          />
          <span id={`${ids}-labels-hint`} className="hint">
            Comma-separated; every exported issue gets them beside the finding’s own tags.
          </span>
          <FieldError id={errorId('labels')} error={errors.labels} />
        </div>
      </div>
      {form.type === 'github' && <GithubEvidence ids={ids} described={described} />}
      <ConnectionResult />
      <div className="row">
        <button type="button" className="button" disabled={busy} onClick={() => void testTracker()}>
          Test connection
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          Save tracker
        </button>
        <button type="button" className="button" onClick={closeTracker}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function TrackerField({
  spec,
  ids,
  described,
}: {
  spec: TrackerFieldSpec;
  ids: string;
  described: (key: string, hint?: boolean) => string | undefined;
}) {
  const form = useOptionsStore((s) => s.trackerForm);
  const errors = useOptionsStore((s) => s.trackerErrors);
  const { setTrackerField, replaceSecret } = useOptionsStore.getState();
  if (!form) return null;
  const inputId = `${ids}-${spec.key}`;
  const saved = form.savedSecrets[spec.key];
  const hint = spec.hint && (
    <span id={`${ids}-${spec.key}-hint`} className="hint">
      {spec.hint}
    </span>
  );
  const error = errors[spec.key] && (
    <span id={`${ids}-${spec.key}-error`} className="field-error">
      {errors[spec.key]}
    </span>
  );

  if (spec.kind === 'secret' && saved && !form.replacing.includes(spec.key)) {
    return (
      <div className="tracker-secret">
        <span id={`${inputId}-label`}>{spec.label}</span>
        <span className="row" role="group" aria-labelledby={`${inputId}-label`}>
          <span className="tracker-secret__saved" data-testid={`secret-${spec.key}`}>
            {maskSecret(saved)}
          </span>
          <button type="button" className="button" onClick={() => replaceSecret(spec.key)}>
            Replace <span className="visually-hidden">{spec.label}</span>
          </button>
        </span>
        {hint}
        {error}
      </div>
    );
  }
  return (
    <div className="tracker-field">
      <label htmlFor={inputId}>
        {spec.label}
        {!spec.required && <span className="muted"> (optional)</span>}
      </label>
      <input
        id={inputId}
        type={spec.kind === 'secret' ? 'password' : spec.kind === 'url' ? 'url' : 'text'}
        autoComplete={spec.kind === 'secret' ? 'new-password' : 'off'}
        spellCheck={false}
        value={form.fields[spec.key] ?? ''}
        placeholder={spec.placeholder}
        required={spec.required}
        aria-invalid={errors[spec.key] ? true : undefined}
        aria-describedby={described(spec.key, Boolean(spec.hint))}
        onChange={(e) => setTrackerField(spec.key, e.target.value)}
      />
      {hint}
      {error}
    </div>
  );
}

function GithubEvidence({
  ids,
  described,
}: {
  ids: string;
  described: (key: string, hint?: boolean) => string | undefined;
}) {
  const form = useOptionsStore((s) => s.trackerForm);
  const errors = useOptionsStore((s) => s.trackerErrors);
  const { setTrackerForm } = useOptionsStore.getState();
  if (!form) return null;
  const branch = form.branch.trim() || '…';
  return (
    <fieldset className="tracker-evidence">
      <legend>Evidence (screenshots, the offline replay)</legend>
      <p className="hint">
        GitHub’s API cannot attach files to an issue. Choose what happens to them:
      </p>
      <label className="checkbox">
        <input
          type="radio"
          name={`${ids}-evidence`}
          checked={form.evidence === 'branch'}
          onChange={() => setTrackerForm({ evidence: 'branch' })}
        />
        Commit evidence to branch {branch} (linked from the issue)
      </label>
      {form.evidence === 'branch' && (
        <div className="tracker-field tracker-evidence__branch">
          <label htmlFor={`${ids}-branch`}>Branch</label>
          <input
            id={`${ids}-branch`}
            value={form.branch}
            aria-invalid={errors.branch ? true : undefined}
            aria-describedby={described('branch')}
            onChange={(e) => setTrackerForm({ branch: e.target.value })}
          />
          <FieldError id={`${ids}-branch-error`} error={errors.branch} />
        </div>
      )}
      <label className="checkbox">
        <input
          type="radio"
          name={`${ids}-evidence`}
          checked={form.evidence === 'local'}
          onChange={() => setTrackerForm({ evidence: 'local' })}
        />
        Keep evidence on this computer; the issue says so and you drag the files in
      </label>
    </fieldset>
  );
}

function ConnectionResult() {
  const test = useOptionsStore((s) => s.connectionTest);
  if (test.type === 'idle') return null;
  if (test.type === 'testing')
    return (
      <p role="status" className="muted">
        Testing the connection…
      </p>
    );
  if (test.type === 'error')
    return (
      <p role="alert" className="notice notice--error">
        Connection failed: {test.message}
      </p>
    );
  const allOk = test.report.checks.every((c) => c.ok);
  return (
    <div role="status" className="connection" aria-label="Connection test">
      <p className="connection__summary">
        {allOk ? 'Connection works.' : 'Connection has problems:'}
      </p>
      <ul className="connection__checks">
        {test.report.checks.map((check) => (
          <li key={check.label} className={check.ok ? 'is-ok' : 'is-bad'}>
            <span aria-hidden="true" className="connection__mark">
              {check.ok ? '✓' : '✗'}
            </span>
            <span className="visually-hidden">{check.ok ? 'Passed: ' : 'Failed: '}</span>
            <strong>{check.label}</strong>
            {check.detail && <span className="connection__detail"> — {check.detail}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
