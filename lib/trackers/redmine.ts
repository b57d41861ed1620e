import { z } from 'zod';
import type { IssueAttachment, IssueDraft } from '../contracts';
import {
  errorResult,
  fetchJson,
  parseRetryAfter,
  type FetchLike,
  type TrackerResult,
} from './http';

export interface RedmineConfig {
  /** e.g. `https://redmine.example.com` (a sub-path install keeps its path). */
  baseUrl: string;
  apiKey: string;
  /** The project's identifier (`demo`) or numeric id. */
  project: string;
}

export interface RedmineConnection {
  user: string;
  project: { id: number; name: string; identifier: string };
  /** The key may create issues (and so upload their attachments) in this project. */
  canCreateIssues: boolean;
  /** What stands in the way, in words a user can act on; empty when all is well. */
  problems: string[];
}

export interface RedmineIssueRef {
  id: number;
  url: string;
}

const currentUserSchema = z.object({
  user: z.object({
    id: z.number(),
    login: z.string(),
    admin: z.boolean().optional(),
    memberships: z
      .array(
        z.object({
          project: z.object({ id: z.number() }),
          roles: z.array(z.object({ id: z.number() })),
        }),
      )
      .optional(),
  }),
});
const projectSchema = z.object({
  project: z.object({
    id: z.number(),
    name: z.string(),
    identifier: z.string(),
    is_public: z.boolean().optional(),
    trackers: z.array(z.object({ id: z.number(), name: z.string() })).optional(),
    enabled_modules: z.array(z.object({ name: z.string() })).optional(),
  }),
});
const roleSchema = z.object({
  role: z.object({ name: z.string(), permissions: z.array(z.string()).optional() }),
});
/** Redmine creates its built-in "Non member" role first; /roles.json does not list it. */
const NON_MEMBER_ROLE_ID = 1;
const uploadSchema = z.object({ upload: z.object({ token: z.string() }) });
const issueSchema = z.object({ issue: z.object({ id: z.number() }) });
const issuesSchema = z.object({
  issues: z.array(z.object({ id: z.number(), description: z.string().nullish() })),
});
const errorsSchema = z.object({ errors: z.array(z.string()) });
const attachmentsSchema = z.object({
  issue: z.object({
    attachments: z
      .array(z.object({ id: z.number(), filename: z.string(), content_url: z.string() }))
      .optional(),
  }),
});

type Parsed<S extends z.ZodType> = TrackerResult<z.infer<S>>;

/** A Redmine REST client over an injected fetch: every call resolves, none throws. */
export function createRedmineClient(
  config: RedmineConfig,
  fetchFn: FetchLike,
  now: () => number = Date.now,
) {
  const base = config.baseUrl.replace(/\/+$/, '');
  const secrets = [config.apiKey];
  const project = encodeURIComponent(config.project);

  async function request<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    schema: S | null,
    body: { json: unknown } | { bytes: Uint8Array } | null,
    what: string,
  ): Promise<Parsed<S>> {
    const headers: Record<string, string> = {
      'X-Redmine-API-Key': config.apiKey,
      Accept: 'application/json',
    };
    let payload: BodyInit | undefined;
    if (body && 'json' in body) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers['Content-Type'] = 'application/octet-stream';
      payload = new Blob([body.bytes as Uint8Array<ArrayBuffer>]);
    }
    return fetchJson({
      fetch: fetchFn,
      url: `${base}${path}`,
      init: { method, headers, body: payload },
      tracker: 'Redmine',
      base,
      what,
      schema,
      secrets,
      failure: (response) => failure(response, what),
    });
  }

  async function failure(response: Response, what: string) {
    const status = response.status;
    const retryAfter = parseRetryAfter(response.headers.get('Retry-After'), now());
    if (status === 401) {
      return errorResult(
        status,
        `Redmine refused the API key (401) when ${what}: check the API key in the tracker settings, and that the REST API is enabled (Administration › Settings › API).`,
        secrets,
      );
    }
    if (status === 403) {
      return errorResult(
        status,
        `Redmine's API key is valid but its user may not do this (403) when ${what}: give that user a role in project "${config.project}" that may add issues.`,
        secrets,
      );
    }
    if (status === 404) {
      return errorResult(
        status,
        `Redmine found nothing (404) when ${what}: check the project identifier "${config.project}" and the base URL ${base}.`,
        secrets,
      );
    }
    if (status === 422) {
      let detail = '';
      try {
        const parsed = errorsSchema.safeParse(await response.json());
        if (parsed.success) detail = `: ${parsed.data.errors.join('; ')}`;
      } catch {
        // An unreadable body leaves the generic message.
      }
      return errorResult(status, `Redmine rejected ${what} (422)${detail}.`, secrets);
    }
    if (status === 429) {
      return errorResult(status, `Redmine is rate limiting (429) ${what}.`, secrets, retryAfter);
    }
    if (status >= 500) {
      return errorResult(
        status,
        `Redmine failed (${status}) when ${what}; try again later.`,
        secrets,
        retryAfter,
      );
    }
    return errorResult(status, `Redmine answered ${status} when ${what}.`, secrets);
  }

  function issueUrl(id: number): string {
    return `${base}/issues/${id}`;
  }

  async function uploadAll(
    attachments: readonly IssueAttachment[],
  ): Promise<TrackerResult<{ token: string; filename: string; content_type: string }[]>> {
    const uploads: { token: string; filename: string; content_type: string }[] = [];
    for (const attachment of attachments) {
      const result = await upload(attachment);
      if (result.type === 'error') return result;
      uploads.push({
        token: result.value,
        filename: attachment.fileName,
        content_type: attachment.mime,
      });
    }
    return { type: 'ok', value: uploads };
  }

  /** Sends one file's bytes; Redmine answers with a token an issue or note then claims. */
  async function upload(attachment: IssueAttachment): Promise<TrackerResult<string>> {
    const result = await request(
      'POST',
      `/uploads.json?filename=${encodeURIComponent(attachment.fileName)}`,
      uploadSchema,
      { bytes: attachment.data },
      `uploading ${attachment.fileName}`,
    );
    return result.type === 'ok' ? { type: 'ok', value: result.value.upload.token } : result;
  }

  /** Checks the key, the project, and whether the key's user may add issues there. */
  async function testConnection(): Promise<TrackerResult<RedmineConnection>> {
    const me = await request(
      'GET',
      '/users/current.json?include=memberships',
      currentUserSchema,
      null,
      'checking the API key',
    );
    if (me.type === 'error') return me;
    const found = await request(
      'GET',
      `/projects/${project}.json?include=trackers,enabled_modules`,
      projectSchema,
      null,
      `looking up project "${config.project}"`,
    );
    if (found.type === 'error') return found;
    const user = me.value.user;
    const p = found.value.project;
    const problems: string[] = [];
    const modules = p.enabled_modules?.map((m) => m.name);
    if (modules && !modules.includes('issue_tracking')) {
      problems.push(`Project "${p.identifier}" has issue tracking turned off.`);
    }
    if ((p.trackers ?? []).length === 0) {
      problems.push(`Project "${p.identifier}" has no tracker (Bug, Feature…) to file issues in.`);
    }
    let mayAdd = user.admin === true;
    if (!mayAdd) {
      const memberships = (user.memberships ?? []).filter((m) => m.project.id === p.id);
      // A non-member of a public project acts with the built-in "Non member" role.
      const roleIds =
        memberships.length > 0
          ? memberships.flatMap((m) => m.roles.map((r) => r.id))
          : p.is_public === true
            ? [NON_MEMBER_ROLE_ID]
            : [];
      for (const roleId of roleIds) {
        const role = await request(
          'GET',
          `/roles/${roleId}.json`,
          roleSchema,
          null,
          'reading a role',
        );
        if (role.type === 'error') return role;
        const { name, permissions } = role.value.role;
        if (memberships.length === 0 && name !== 'Non member') break;
        if ((permissions ?? []).includes('add_issues')) mayAdd = true;
      }
      if (!mayAdd) {
        problems.push(
          memberships.length > 0
            ? `User "${user.login}" has no role in "${p.identifier}" that may add issues.`
            : `User "${user.login}" is not a member of "${p.identifier}" and non-members may not add issues there.`,
        );
      }
    }
    return {
      type: 'ok',
      value: {
        user: user.login,
        project: { id: p.id, name: p.name, identifier: p.identifier },
        canCreateIssues: problems.length === 0,
        problems,
      },
    };
  }

  /** The description carries the marker so a later search finds the issue again. */
  function describe(draft: IssueDraft): string {
    return draft.body.includes(draft.marker) ? draft.body : `${draft.body}\n\n${draft.marker}`;
  }

  /**
   * Files the draft: its attachments first (each a token), then the issue claiming them.
   * Redmine has no labels: they go into the description.
   */
  async function createIssue(draft: IssueDraft): Promise<TrackerResult<RedmineIssueRef>> {
    const uploads = await uploadAll(draft.attachments);
    if (uploads.type === 'error') return uploads;
    const labels = draft.labels.length > 0 ? `\n\nLabels: ${draft.labels.join(', ')}` : '';
    const created = await request(
      'POST',
      '/issues.json',
      issueSchema,
      {
        json: {
          issue: {
            project_id: config.project,
            subject: draft.title,
            description: describe({ ...draft, body: `${draft.body}${labels}` }),
            uploads: uploads.value,
          },
        },
      },
      `creating the issue "${draft.title}"`,
    );
    if (created.type === 'error') return created;
    const id = created.value.issue.id;
    return { type: 'ok', value: { id, url: issueUrl(id) } };
  }

  /** The issue (open or closed) whose description carries the marker, or null. */
  async function findByMarker(marker: string): Promise<TrackerResult<RedmineIssueRef | null>> {
    const query = new URLSearchParams({
      project_id: config.project,
      status_id: '*',
      description: `~${marker}`,
      limit: '100',
    });
    const found = await request(
      'GET',
      `/issues.json?${query.toString()}`,
      issuesSchema,
      null,
      `searching project "${config.project}" for ${marker}`,
    );
    if (found.type === 'error') return found;
    // "~" is a substring match: insist on the whole marker so sg-finding-1 never hits sg-finding-12.
    const whole = new RegExp(
      `(^|[^\\w-])${marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`,
    );
    const hit = found.value.issues.find((issue) => whole.test(issue.description ?? ''));
    return { type: 'ok', value: hit ? { id: hit.id, url: issueUrl(hit.id) } : null };
  }

  /** A note on an existing issue, with new evidence attached to it. */
  async function addComment(
    issueId: number,
    notes: string,
    attachments: readonly IssueAttachment[] = [],
  ): Promise<TrackerResult<RedmineIssueRef>> {
    const uploads = await uploadAll(attachments);
    if (uploads.type === 'error') return uploads;
    const updated = await request(
      'PUT',
      `/issues/${issueId}.json`,
      null,
      { json: { issue: { notes, uploads: uploads.value } } },
      `adding a comment to issue #${issueId}`,
    );
    if (updated.type === 'error') return updated;
    return { type: 'ok', value: { id: issueId, url: issueUrl(issueId) } };
  }

  /** The issue's attachments as name and download URL, newest last. */
  async function attachments(
    issueId: number,
  ): Promise<TrackerResult<{ fileName: string; url: string }[]>> {
    const found = await request(
      'GET',
      `/issues/${issueId}.json?include=attachments`,
      attachmentsSchema,
      null,
      `reading the attachments of issue #${issueId}`,
    );
    if (found.type === 'error') return found;
    const list = [...(found.value.issue.attachments ?? [])].sort((a, b) => a.id - b.id);
    return {
      type: 'ok',
      value: list.map((a) => ({ fileName: a.filename, url: a.content_url })),
    };
  }

  /**
   * Adds one file to an issue (upload, then an update claiming the token).
   * A file of that name already there is taken as attached: a retry after a
   * lost answer must not attach it twice.
   */
  async function attach(
    issueId: number,
    attachment: IssueAttachment,
  ): Promise<TrackerResult<{ fileName: string; url: string }>> {
    const before = await attachments(issueId);
    if (before.type === 'error') return before;
    const existing = before.value.find((a) => a.fileName === attachment.fileName);
    if (existing) return { type: 'ok', value: existing };
    const updated = await addComment(issueId, '', [attachment]);
    if (updated.type === 'error') return updated;
    const after = await attachments(issueId);
    const added =
      after.type === 'ok'
        ? after.value.filter((a) => a.fileName === attachment.fileName).at(-1)
        : undefined;
    return {
      type: 'ok',
      value: added ?? { fileName: attachment.fileName, url: issueUrl(issueId) },
    };
  }

  return { testConnection, upload, createIssue, findByMarker, addComment, attachments, attach };
}

export type RedmineClient = ReturnType<typeof createRedmineClient>;
