import type { TrackerTarget, TrackerType } from '@/lib/contracts';

/** One input of a tracker's form. Secrets are never shown back once saved. */
export interface TrackerFieldSpec {
  key: string;
  label: string;
  kind: 'url' | 'text' | 'secret';
  required: boolean;
  placeholder?: string;
  hint?: string;
  /** What a new target starts with. */
  initial?: string;
}

export const TRACKER_TYPE_LABELS: Record<TrackerType, string> = {
  github: 'GitHub Issues',
  jira: 'Jira Cloud',
  linear: 'Linear',
  gitlab: 'GitLab',
  redmine: 'Redmine',
  webhook: 'Webhook',
};

export const TRACKER_FIELDS: Record<TrackerType, TrackerFieldSpec[]> = {
  github: [
    {
      key: 'apiUrl',
      label: 'API URL',
      kind: 'url',
      required: true,
      initial: 'https://api.github.com',
      hint: 'https://api.github.com, or your GitHub Enterprise API root.',
    },
    { key: 'owner', label: 'Owner', kind: 'text', required: true, placeholder: 'acme' },
    { key: 'repo', label: 'Repository', kind: 'text', required: true, placeholder: 'web-app' },
    {
      key: 'token',
      label: 'Token',
      kind: 'secret',
      required: true,
      hint: 'A fine-grained token with Issues: read and write (and Contents: write for an evidence branch).',
    },
  ],
  jira: [
    {
      key: 'baseUrl',
      label: 'Site URL',
      kind: 'url',
      required: true,
      placeholder: 'https://acme.atlassian.net',
    },
    { key: 'email', label: 'Account email', kind: 'text', required: true },
    {
      key: 'apiToken',
      label: 'API token',
      kind: 'secret',
      required: true,
      hint: 'Made at id.atlassian.com → Security → API tokens.',
    },
    { key: 'projectKey', label: 'Project key', kind: 'text', required: true, placeholder: 'PAY' },
    { key: 'issueType', label: 'Issue type', kind: 'text', required: true, initial: 'Bug' },
  ],
  linear: [
    {
      key: 'apiUrl',
      label: 'API URL',
      kind: 'url',
      required: true,
      initial: 'https://api.linear.app/graphql',
    },
    { key: 'apiKey', label: 'API key', kind: 'secret', required: true },
    {
      key: 'team',
      label: 'Team',
      kind: 'text',
      required: true,
      placeholder: 'ENG',
      hint: 'The team’s key or id.',
    },
  ],
  gitlab: [
    {
      key: 'baseUrl',
      label: 'GitLab URL',
      kind: 'url',
      required: true,
      initial: 'https://gitlab.com',
    },
    {
      key: 'project',
      label: 'Project',
      kind: 'text',
      required: true,
      placeholder: 'group/project',
      hint: 'Numeric id or group/project path.',
    },
    { key: 'token', label: 'Access token', kind: 'secret', required: true, hint: 'Scope: api.' },
  ],
  redmine: [
    {
      key: 'baseUrl',
      label: 'Redmine URL',
      kind: 'url',
      required: true,
      placeholder: 'https://redmine.example.com',
    },
    {
      key: 'project',
      label: 'Project',
      kind: 'text',
      required: true,
      placeholder: 'demo',
      hint: 'The project’s identifier or numeric id.',
    },
    {
      key: 'apiKey',
      label: 'API key',
      kind: 'secret',
      required: true,
      hint: 'My account → API access key (REST must be enabled by the administrator).',
    },
  ],
  webhook: [
    { key: 'url', label: 'Webhook URL', kind: 'url', required: true },
    {
      key: 'secret',
      label: 'Signing secret',
      kind: 'secret',
      required: false,
      hint: 'When set, each request carries an HMAC-SHA256 signature header. Leave empty for none.',
    },
  ],
};

export type EvidenceChoice = 'branch' | 'local';

/** What the form holds while the user types: strings, as the inputs give them. */
export interface TrackerForm {
  /** Null for a target not saved yet. */
  id: string | null;
  type: TrackerType;
  name: string;
  labels: string;
  fields: Record<string, string>;
  /** Saved secrets (by field key), kept unless the user replaces them. */
  savedSecrets: Record<string, string>;
  /** Secret fields the user chose to replace (or that have nothing saved). */
  replacing: string[];
  evidence: EvidenceChoice;
  branch: string;
}

export type FormErrors = Record<string, string>;

export const DEFAULT_EVIDENCE_BRANCH = 'study-group-evidence';

export function newTrackerForm(type: TrackerType): TrackerForm {
  const specs = TRACKER_FIELDS[type];
  return {
    id: null,
    type,
    name: TRACKER_TYPE_LABELS[type],
    labels: 'study-group',
    fields: Object.fromEntries(specs.map((f) => [f.key, f.initial ?? ''])),
    savedSecrets: {},
    replacing: specs.filter((f) => f.kind === 'secret').map((f) => f.key),
    evidence: 'local',
    branch: DEFAULT_EVIDENCE_BRANCH,
  };
}

/** The target's own fields as strings, keyed as TRACKER_FIELDS names them. */
function fieldsOf(target: TrackerTarget): Record<string, string> {
  const { id: _id, name: _name, labels: _labels, type: _type, ...rest } = target;
  return Object.fromEntries(
    Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

export function formFromTarget(target: TrackerTarget): TrackerForm {
  const specs = TRACKER_FIELDS[target.type];
  const all = fieldsOf(target);
  const secretKeys = specs.filter((f) => f.kind === 'secret').map((f) => f.key);
  const savedSecrets = Object.fromEntries(secretKeys.map((k) => [k, all[k] ?? '']));
  return {
    id: target.id,
    type: target.type,
    name: target.name,
    labels: target.labels.join(', '),
    fields: Object.fromEntries(
      specs.map((f) => [f.key, f.kind === 'secret' ? '' : (all[f.key] ?? '')]),
    ),
    savedSecrets,
    // A secret saved empty (an unsigned webhook) has nothing to hide: edit it in place.
    replacing: secretKeys.filter((k) => !savedSecrets[k]),
    evidence: target.type === 'github' ? target.evidence.type : 'local',
    branch:
      target.type === 'github' && target.evidence.type === 'branch'
        ? target.evidence.branch
        : DEFAULT_EVIDENCE_BRANCH,
  };
}

/** "saved ••••abcd": enough to recognise a token, not enough to use it. */
export function maskSecret(secret: string): string {
  return `saved ••••${secret.slice(-4)}`;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** An error message for a tracker URL, or null when it may be used. */
export function urlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Not a URL: write it in full, e.g. https://tracker.example.com';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  if (url.protocol === 'http:')
    return 'Use https: a token must not travel unencrypted (http is allowed on this computer only: 127.0.0.1, localhost).';
  return 'Use an https:// address.';
}

const MAX_FIELD = 2_000;
const MAX_LABELS = 20;

export function parseLabels(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
}

/** The value a secret field will be saved with: the new one, or the saved one kept. */
function secretValue(form: TrackerForm, key: string): string {
  return form.replacing.includes(key)
    ? (form.fields[key] ?? '').trim()
    : (form.savedSecrets[key] ?? '');
}

function value(form: TrackerForm, spec: TrackerFieldSpec): string {
  return spec.kind === 'secret'
    ? secretValue(form, spec.key)
    : (form.fields[spec.key] ?? '').trim();
}

export type FormResult =
  { type: 'ok'; target: TrackerTarget } | { type: 'invalid'; errors: FormErrors };

/** Checks the form (messages by field key) and builds the target it describes. */
export function targetFromForm(form: TrackerForm, newId: () => string): FormResult {
  const errors: FormErrors = {};
  const name = form.name.trim();
  if (!name) errors.name = 'Give it a name, e.g. “Payments Jira”.';
  else if (name.length > 100) errors.name = 'At most 100 characters.';
  const labels = parseLabels(form.labels);
  if (labels.length > MAX_LABELS) errors.labels = `At most ${MAX_LABELS} labels.`;
  else if (labels.some((l) => l.length > 100))
    errors.labels = 'A label has at most 100 characters.';

  const v: Record<string, string> = {};
  for (const spec of TRACKER_FIELDS[form.type]) {
    const text = value(form, spec);
    v[spec.key] = text;
    if (!text) {
      if (spec.required) errors[spec.key] = `${spec.label} is required.`;
      continue;
    }
    if (text.length > MAX_FIELD) errors[spec.key] = `At most ${MAX_FIELD} characters.`;
    else if (spec.kind === 'url') {
      const problem = urlProblem(text);
      if (problem) errors[spec.key] = problem;
    }
  }
  const branch = form.branch.trim();
  if (form.type === 'github' && form.evidence === 'branch') {
    if (!branch) errors.branch = 'Name the branch the evidence goes to.';
    else if (!/^[A-Za-z0-9._/-]{1,100}$/.test(branch) || branch.includes('..'))
      errors.branch = 'Letters, digits, “.”, “_”, “-” and “/” only.';
  }
  if (Object.keys(errors).length) return { type: 'invalid', errors };

  const base = { id: form.id ?? newId(), name, labels };
  return { type: 'ok', target: buildTarget(form, base, v, branch) };
}

function buildTarget(
  form: TrackerForm,
  base: { id: string; name: string; labels: string[] },
  v: Record<string, string>,
  branch: string,
): TrackerTarget {
  const f = (key: string) => v[key] ?? '';
  switch (form.type) {
    case 'github':
      return {
        ...base,
        type: 'github',
        apiUrl: f('apiUrl'),
        owner: f('owner'),
        repo: f('repo'),
        token: f('token'),
        evidence: form.evidence === 'branch' ? { type: 'branch', branch } : { type: 'local' },
      };
    case 'jira':
      return {
        ...base,
        type: 'jira',
        baseUrl: f('baseUrl'),
        email: f('email'),
        apiToken: f('apiToken'),
        projectKey: f('projectKey'),
        issueType: f('issueType'),
      };
    case 'linear':
      return { ...base, type: 'linear', apiUrl: f('apiUrl'), apiKey: f('apiKey'), team: f('team') };
    case 'gitlab':
      return {
        ...base,
        type: 'gitlab',
        baseUrl: f('baseUrl'),
        project: f('project'),
        token: f('token'),
      };
    case 'redmine':
      return {
        ...base,
        type: 'redmine',
        baseUrl: f('baseUrl'),
        project: f('project'),
        apiKey: f('apiKey'),
      };
    case 'webhook':
      return { ...base, type: 'webhook', url: f('url'), secret: f('secret') };
  }
}

/** A short line naming where a target files issues: "acme/web-app", "demo on redmine.example.com". */
export function targetPlace(target: TrackerTarget): string {
  const host = (url: string) => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  };
  switch (target.type) {
    case 'github':
      return `${target.owner}/${target.repo}`;
    case 'jira':
      return `${target.projectKey} on ${host(target.baseUrl)}`;
    case 'linear':
      return `team ${target.team}`;
    case 'gitlab':
      return `${target.project} on ${host(target.baseUrl)}`;
    case 'redmine':
      return `${target.project} on ${host(target.baseUrl)}`;
    case 'webhook':
      return host(target.url);
  }
}
