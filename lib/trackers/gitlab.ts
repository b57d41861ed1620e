import { z } from 'zod';
import type {
  AttachedFile,
  ConnectionCheck,
  ConnectionReport,
  IssueAttachment,
  IssueDraft,
  RemoteIssue,
  TrackerClient,
  TrackerTarget,
} from '../contracts';
import { hasWholeMarker, withMarker } from './bytes';
import {
  errorResult,
  fetchJson,
  parseRetryAfter,
  type FetchLike,
  type TrackerError,
  type TrackerResult,
} from './http';

export type GitlabTarget = Extract<TrackerTarget, { type: 'gitlab' }>;

/** GitLab's role levels (Guest 10, Reporter 20, Developer 30, Maintainer 40, Owner 50). */
const GUEST = 10;

const userSchema = z.object({ username: z.string(), is_admin: z.boolean().optional() });
const tokenSchema = z.object({ scopes: z.array(z.string()), active: z.boolean().optional() });
const accessSchema = z.object({ access_level: z.number() }).nullish();
const projectSchema = z.object({
  id: z.number(),
  path_with_namespace: z.string(),
  web_url: z.string(),
  visibility: z.string().optional(),
  issues_enabled: z.boolean().optional(),
  issues_access_level: z.string().optional(),
  permissions: z.object({ project_access: accessSchema, group_access: accessSchema }).nullish(),
});
const issueSchema = z.object({ iid: z.number(), web_url: z.string() });
const issuesSchema = z.array(issueSchema.extend({ description: z.string().nullish() }));
const uploadSchema = z.object({
  url: z.string(),
  markdown: z.string(),
  full_path: z.string().optional(),
});
const noteSchema = z.object({ id: z.number() });

type Body = { json: unknown } | { form: FormData } | null;

/** GitLab issues over plain typed fetch (its REST is small; no SDK), `PRIVATE-TOKEN` auth. */
export function createGitlabClient(
  target: GitlabTarget,
  fetchFn: FetchLike,
  now: () => number = Date.now,
): TrackerClient {
  const base = target.baseUrl.replace(/\/+$/, '');
  const api = `${base}/api/v4`;
  const secrets = [target.token];
  const project = encodeURIComponent(target.project);
  const name = target.project;

  async function request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body: Body,
    what: string,
  ): Promise<TrackerResult<z.infer<S>>> {
    const headers: Record<string, string> = {
      'PRIVATE-TOKEN': target.token,
      Accept: 'application/json',
    };
    let payload: BodyInit | undefined;
    if (body && 'json' in body) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      // fetch writes the multipart boundary itself.
      payload = body.form;
    }
    return fetchJson({
      fetch: fetchFn,
      url: `${api}${path}`,
      init: { method, headers, body: payload },
      tracker: 'GitLab',
      base,
      what,
      schema,
      secrets,
      failure: (response) => failure(response, what),
    });
  }

  async function failure(response: Response, what: string): Promise<TrackerError> {
    const status = response.status;
    const retryAfter = parseRetryAfter(response.headers.get('Retry-After'), now());
    let detail = '';
    try {
      const text = (await response.text()).slice(0, 300);
      const parsed = z
        .object({ message: z.unknown().optional(), error: z.string().optional() })
        .safeParse(JSON.parse(text));
      if (parsed.success) {
        const message = parsed.data.message ?? parsed.data.error;
        detail = typeof message === 'string' ? message : JSON.stringify(message ?? '');
      }
    } catch {
      // Not JSON: the status says enough.
    }
    if (status === 401) {
      return errorResult(
        status,
        `GitLab refused the access token (401) when ${what}: check the token in the tracker settings (it may have expired or been revoked).`,
        secrets,
      );
    }
    if (status === 403) {
      return errorResult(
        status,
        `GitLab's access token is valid but may not do this (403) when ${what}: the token needs the "api" scope, and its user at least the Guest role in "${name}".`,
        secrets,
      );
    }
    if (status === 404) {
      return errorResult(
        status,
        `GitLab found nothing (404) when ${what}: check the project "${name}" (its numeric id or group/project path) and the base URL ${base}.`,
        secrets,
      );
    }
    if (status === 429) {
      return errorResult(status, `GitLab is rate limiting (429) ${what}.`, secrets, retryAfter);
    }
    if (status >= 500) {
      return errorResult(
        status,
        `GitLab failed (${status}) when ${what}; try again later.`,
        secrets,
        retryAfter,
      );
    }
    return errorResult(
      status,
      `GitLab rejected ${what} (${status})${detail ? `: ${detail}` : ''}.`,
      secrets,
    );
  }

  async function testConnection(): Promise<TrackerResult<ConnectionReport>> {
    const checks: ConnectionCheck[] = [];
    const stop = (result: TrackerError, label: string, rest: string[]) => {
      if (result.retryable) return result;
      checks.push({ label, ok: false, detail: result.message });
      for (const other of rest)
        checks.push({
          label: other,
          ok: false,
          detail: 'Not checked: fix the problem above first.',
        });
      return { type: 'ok' as const, value: { checks } };
    };
    const me = await request('GET', '/user', userSchema, null, 'checking the access token');
    if (me.type === 'error') {
      return stop(me, 'Signed in', [
        'Project found',
        'May create issues',
        'May upload attachments',
      ]);
    }
    // Personal, project and group access tokens can read their own scopes (GitLab 15.5+).
    const token = await request(
      'GET',
      '/personal_access_tokens/self',
      tokenSchema,
      null,
      "reading the token's scopes",
    );
    if (token.type === 'error' && token.retryable) return token;
    const scopes = token.type === 'ok' ? token.value.scopes : null;
    const writes = scopes === null || scopes.includes('api');
    checks.push({
      label: 'Signed in',
      ok: writes,
      detail: writes
        ? `As @${me.value.username}.`
        : `As @${me.value.username}, but the token's scopes (${scopes?.join(', ') || 'none'}) do not include "api": it can read but not create issues.`,
    });
    const found = await request(
      'GET',
      `/projects/${project}`,
      projectSchema,
      null,
      `looking up project "${name}"`,
    );
    if (found.type === 'error') {
      return stop(found, 'Project found', ['May create issues', 'May upload attachments']);
    }
    const p = found.value;
    checks.push({ label: 'Project found', ok: true, detail: `${p.path_with_namespace}.` });
    const level = Math.max(
      p.permissions?.project_access?.access_level ?? 0,
      p.permissions?.group_access?.access_level ?? 0,
    );
    const issuesOn =
      p.issues_access_level !== undefined
        ? p.issues_access_level !== 'disabled'
        : p.issues_enabled !== false;
    // Guests may open issues; on public and internal projects any signed-in user may.
    const open = p.visibility === 'public' || p.visibility === 'internal';
    const member = me.value.is_admin === true || level >= GUEST;
    let detail: string;
    let mayCreate = false;
    if (!issuesOn) {
      detail = `Issues are turned off in ${p.path_with_namespace}: turn them on in its settings.`;
    } else if (!writes) {
      detail = 'The token needs the "api" scope to create issues.';
    } else if (member) {
      mayCreate = true;
      detail =
        me.value.is_admin === true
          ? 'As an administrator.'
          : `With role level ${level} (Guest or higher may open issues).`;
    } else if (open) {
      mayCreate = true;
      detail = `As a non-member of this ${p.visibility} project.`;
    } else {
      detail = `@${me.value.username} is not a member of ${p.path_with_namespace}: give them at least the Guest role.`;
    }
    checks.push({ label: 'May create issues', ok: mayCreate, detail });
    checks.push({
      label: 'May upload attachments',
      ok: mayCreate,
      detail: mayCreate
        ? 'Files go up as project uploads, linked from a comment on the issue.'
        : 'Uploads need the same access as opening an issue.',
    });
    return { type: 'ok', value: { checks } };
  }

  /** GitLab takes labels as one comma-separated string, so commas inside a label cannot survive. */
  function labelList(draft: IssueDraft): string {
    // The marker stays out: GitLab would create one project label per finding.
    return draft.labels
      .filter((label) => label !== draft.marker)
      .map((label) => label.replace(/,/g, ' ').trim())
      .filter(Boolean)
      .join(',');
  }

  async function createIssue(draft: IssueDraft): Promise<TrackerResult<RemoteIssue>> {
    const labels = labelList(draft);
    const created = await request(
      'POST',
      `/projects/${project}/issues`,
      issueSchema,
      {
        json: {
          title: draft.title,
          description: withMarker(draft.body, draft.marker),
          ...(labels ? { labels } : {}),
        },
      },
      `creating the issue "${draft.title}" in "${name}"`,
    );
    if (created.type === 'error') return created;
    return { type: 'ok', value: { id: String(created.value.iid), url: created.value.web_url } };
  }

  async function findByMarker(marker: string): Promise<TrackerResult<RemoteIssue | null>> {
    // No state filter: GitLab then lists open and closed issues alike.
    const query = new URLSearchParams({
      search: marker,
      in: 'description',
      per_page: '100',
    });
    const found = await request(
      'GET',
      `/projects/${project}/issues?${query.toString()}`,
      issuesSchema,
      null,
      `searching "${name}" for ${marker}`,
    );
    if (found.type === 'error') return found;
    const hit = found.value.find((issue) => hasWholeMarker(issue.description ?? '', marker));
    return { type: 'ok', value: hit ? { id: String(hit.iid), url: hit.web_url } : null };
  }

  async function note(issue: RemoteIssue, body: string, what: string) {
    return request(
      'POST',
      `/projects/${project}/issues/${encodeURIComponent(issue.id)}/notes`,
      noteSchema,
      { json: { body } },
      what,
    );
  }

  /** The project's web root, from an issue URL (`<project>/-/issues/<iid>`). */
  function projectWeb(issue: RemoteIssue): string {
    return issue.url.replace(/\/-\/issues\/[^/]+$/, '').replace(/\/issues\/[^/]+$/, '');
  }

  async function attach(
    issue: RemoteIssue,
    file: IssueAttachment,
  ): Promise<TrackerResult<AttachedFile>> {
    const form = new FormData();
    form.append(
      'file',
      new Blob([file.data as Uint8Array<ArrayBuffer>], { type: file.mime }),
      file.fileName,
    );
    const uploaded = await request(
      'POST',
      `/projects/${project}/uploads`,
      uploadSchema,
      { form },
      `uploading ${file.fileName} to "${name}"`,
    );
    if (uploaded.type === 'error') return uploaded;
    const linked = await note(
      issue,
      `Study Group evidence: ${uploaded.value.markdown}`,
      `linking ${file.fileName} from issue #${issue.id}`,
    );
    if (linked.type === 'error') return linked;
    // full_path is absolute on the instance (GitLab 17.1+); older ones give only the project-relative url.
    const url = uploaded.value.full_path
      ? `${base}${uploaded.value.full_path}`
      : `${projectWeb(issue)}${uploaded.value.url}`;
    return { type: 'ok', value: { fileName: file.fileName, url } };
  }

  async function addComment(issue: RemoteIssue, body: string): Promise<TrackerResult<null>> {
    const done = await note(issue, body, `commenting on issue #${issue.id} of "${name}"`);
    return done.type === 'ok' ? { type: 'ok', value: null } : done;
  }

  return {
    type: 'gitlab',
    attachesFiles: true,
    testConnection,
    findByMarker,
    createIssue,
    attach,
    addComment,
  };
}
