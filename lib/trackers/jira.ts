import { z } from 'zod';
import type {
  AttachedFile,
  ConnectionCheck,
  ConnectionReport,
  IssueAttachment,
  IssueDraft,
  RemoteIssue,
  TrackerClient,
} from '../contracts';
import { markdownToAdf } from '@/lib/reports';
import {
  errorResult,
  fetchJson,
  parseRetryAfter,
  type FetchLike,
  type TrackerResult,
} from './http';

// Jira Cloud REST v3, plain typed fetch (jira.js would add far more than the
// six calls we make). Descriptions and comments are Atlassian Document Format;
// the finding's marker is also a label, which JQL matches exactly.

export interface JiraConfig {
  /** `https://<site>.atlassian.net` */
  baseUrl: string;
  email: string;
  apiToken: string;
  projectKey: string;
  /** e.g. "Bug". */
  issueType: string;
}

/** Jira's summary field holds at most 255 characters. */
const SUMMARY_MAX = 255;
/** So is a label, which may not contain spaces either. */
const LABEL_MAX = 255;

/** A label Jira accepts: no whitespace (each run becomes "-"), at most 255 characters. */
export function jiraLabel(label: string): string {
  return label.trim().replace(/\s+/g, '-').slice(0, LABEL_MAX);
}

/** The Basic credential (base64 of `email:token`, UTF-8): as secret as the token itself. */
export function jiraBasicCredential(email: string, apiToken: string): string {
  const bytes = new TextEncoder().encode(`${email}:${apiToken}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A JQL string literal: double quotes, with `"` and `\` escaped. */
function jqlString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

const myselfSchema = z.object({
  accountId: z.string(),
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
});
const projectSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  issueTypes: z.array(z.object({ name: z.string(), subtask: z.boolean().optional() })).optional(),
});
const permissionSchema = z.object({ havePermission: z.boolean() });
const permissionsSchema = z.object({
  permissions: z.object({
    CREATE_ISSUES: permissionSchema.optional(),
    CREATE_ATTACHMENTS: permissionSchema.optional(),
  }),
});
const searchSchema = z.object({
  issues: z.array(
    z.object({
      key: z.string(),
      fields: z.object({ labels: z.array(z.string()).optional() }).optional(),
    }),
  ),
});
const createdSchema = z.object({ id: z.string(), key: z.string() });
const attachmentsSchema = z.array(
  z.object({ id: z.string(), filename: z.string(), content: z.string().optional() }),
);
const commentSchema = z.object({ id: z.string() });
const errorBodySchema = z.object({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.string()).optional(),
});

type Body = { json: unknown } | { file: IssueAttachment } | null;

/** A Jira Cloud client over an injected fetch: every call resolves, none throws or carries the token. */
export function createJiraClient(
  config: JiraConfig,
  fetchFn: FetchLike,
  now: () => number = Date.now,
): TrackerClient {
  const base = config.baseUrl.replace(/\/+$/, '');
  const credential = jiraBasicCredential(config.email, config.apiToken);
  const secrets = [config.apiToken, credential];
  const projectKey = config.projectKey;

  async function request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body: Body,
    what: string,
  ): Promise<TrackerResult<z.infer<S>>> {
    const headers: Record<string, string> = {
      Authorization: `Basic ${credential}`,
      Accept: 'application/json',
    };
    let payload: BodyInit | undefined;
    if (body && 'json' in body) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      // Jira requires it on uploads; fetch sets the multipart boundary itself.
      headers['X-Atlassian-Token'] = 'no-check';
      const form = new FormData();
      const { data, mime, fileName } = body.file;
      form.append('file', new Blob([data as Uint8Array<ArrayBuffer>], { type: mime }), fileName);
      payload = form;
    }
    return fetchJson({
      fetch: fetchFn,
      url: `${base}${path}`,
      init: { method, headers, body: payload },
      tracker: 'Jira',
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
    let text = '';
    try {
      text = await response.text();
    } catch {
      // An unreadable body leaves the generic message.
    }
    if (status === 401) {
      return errorResult(
        status,
        `Jira refused the email and API token (401) when ${what}: check the email "${config.email}" and the API token in the tracker settings (API tokens are made at id.atlassian.com › Security).`,
        secrets,
      );
    }
    if (status === 403 && /XSRF check failed/i.test(text)) {
      return errorResult(
        status,
        `Jira refused the request as a browser request (403 "XSRF check failed") when ${what}: Study Group's header rule for ${new URL(base).hostname} is not in place. Reload the extension and try again.`,
        secrets,
      );
    }
    if (status === 403) {
      return errorResult(
        status,
        `Jira's account "${config.email}" is signed in but may not do this (403) when ${what}: it needs the Browse, Create issues and Create attachments permissions in project "${projectKey}".`,
        secrets,
      );
    }
    if (status === 404) {
      return errorResult(
        status,
        `Jira found nothing (404) when ${what}: check the project key "${projectKey}" and the site URL ${base}.`,
        secrets,
      );
    }
    if (status === 413) {
      return errorResult(
        status,
        `Jira refused ${what} as too large (413): the site's attachment size limit is lower.`,
        secrets,
      );
    }
    if (status === 429) {
      return errorResult(status, `Jira is rate limiting (429) ${what}.`, secrets, retryAfter);
    }
    if (status >= 500) {
      return errorResult(
        status,
        `Jira failed (${status}) when ${what}; try again later.`,
        secrets,
        retryAfter,
      );
    }
    return errorResult(status, `Jira rejected ${what} (${status})${detailOf(text)}.`, secrets);
  }

  function remote(key: string): RemoteIssue {
    return { id: key, url: `${base}/browse/${encodeURIComponent(key)}` };
  }

  async function testConnection(): Promise<TrackerResult<ConnectionReport>> {
    const checks: ConnectionCheck[] = [];
    const report = (): TrackerResult<ConnectionReport> => ({ type: 'ok', value: { checks } });
    /** A refusal is a failed check (with the rest not run); trouble reaching Jira stays an error. */
    const refused = (label: string, message: string): TrackerResult<ConnectionReport> => {
      checks.push({ label, ok: false, detail: message });
      for (const rest of LABELS.slice(LABELS.indexOf(label) + 1)) {
        checks.push({
          label: rest,
          ok: false,
          detail: 'Not checked: fix the problem above first.',
        });
      }
      return report();
    };

    const me = await request('GET', '/rest/api/3/myself', myselfSchema, null, 'signing in');
    if (me.type === 'error') return me.retryable ? me : refused('Signed in', me.message);
    checks.push({
      label: 'Signed in',
      ok: true,
      detail: `As ${me.value.displayName ?? me.value.emailAddress ?? config.email}.`,
    });

    const project = await request(
      'GET',
      `/rest/api/3/project/${encodeURIComponent(projectKey)}`,
      projectSchema,
      null,
      `looking up project "${projectKey}"`,
    );
    if (project.type === 'error') {
      return project.retryable ? project : refused('Project found', project.message);
    }
    checks.push({
      label: 'Project found',
      ok: true,
      detail: `${project.value.name} (${project.value.key}).`,
    });
    const types = (project.value.issueTypes ?? []).filter((t) => t.subtask !== true);
    const typeFound =
      project.value.issueTypes === undefined ||
      types.some((t) => t.name.toLowerCase() === config.issueType.toLowerCase());
    checks.push({
      label: 'Issue type found',
      ok: typeFound,
      detail: typeFound
        ? `"${config.issueType}".`
        : `Project "${projectKey}" has no issue type "${config.issueType}"; it has ${types.map((t) => `"${t.name}"`).join(', ') || 'none'}.`,
    });

    const query = new URLSearchParams({
      projectKey,
      permissions: 'CREATE_ISSUES,CREATE_ATTACHMENTS',
    });
    const permissions = await request(
      'GET',
      `/rest/api/3/mypermissions?${query.toString()}`,
      permissionsSchema,
      null,
      `reading the permissions in project "${projectKey}"`,
    );
    if (permissions.type === 'error') {
      return permissions.retryable
        ? permissions
        : refused('May create issues', permissions.message);
    }
    const may = permissions.value.permissions;
    const create = may.CREATE_ISSUES?.havePermission === true;
    const upload = may.CREATE_ATTACHMENTS?.havePermission === true;
    checks.push({
      label: 'May create issues',
      ok: create,
      detail: create
        ? 'Yes.'
        : `"${config.email}" lacks the Create issues permission in "${projectKey}".`,
    });
    checks.push({
      label: 'May upload attachments',
      ok: upload,
      detail: upload
        ? 'Yes.'
        : `"${config.email}" lacks the Create attachments permission in "${projectKey}".`,
    });

    // GETs pass Jira's XSRF check whatever the headers: only a POST shows whether creating will.
    const probe = await search(`project = ${jqlString(projectKey)}`, 1, 'trying a search (POST)');
    if (probe.type === 'error') {
      if (probe.retryable) return probe;
      checks.push({ label: 'Accepts requests from Study Group', ok: false, detail: probe.message });
    } else {
      checks.push({
        label: 'Accepts requests from Study Group',
        ok: true,
        detail: 'Yes: a test search (POST) went through.',
      });
    }
    return report();
  }

  function search(jql: string, maxResults: number, what: string) {
    return request(
      'POST',
      '/rest/api/3/search/jql',
      searchSchema,
      { json: { jql, maxResults, fields: ['labels'] } },
      what,
    );
  }

  async function findByMarker(marker: string): Promise<TrackerResult<RemoteIssue | null>> {
    const label = jiraLabel(marker);
    const found = await search(
      `project = ${jqlString(projectKey)} AND labels = ${jqlString(label)}`,
      10,
      `searching project "${projectKey}" for ${marker}`,
    );
    if (found.type === 'error') return found;
    const hit = found.value.issues.find((issue) => issue.fields?.labels?.includes(label) ?? false);
    return { type: 'ok', value: hit ? remote(hit.key) : null };
  }

  async function createIssue(draft: IssueDraft): Promise<TrackerResult<RemoteIssue>> {
    const labels = [...new Set([...draft.labels, draft.marker].map(jiraLabel))].filter(Boolean);
    const created = await request(
      'POST',
      '/rest/api/3/issue',
      createdSchema,
      {
        json: {
          fields: {
            project: { key: projectKey },
            issuetype: { name: config.issueType },
            summary: draft.title.slice(0, SUMMARY_MAX),
            description: markdownToAdf(draft.body),
            labels,
          },
        },
      },
      `creating the issue "${draft.title}"`,
    );
    return created.type === 'ok' ? { type: 'ok', value: remote(created.value.key) } : created;
  }

  async function attach(
    issue: RemoteIssue,
    file: IssueAttachment,
  ): Promise<TrackerResult<AttachedFile>> {
    const sent = await request(
      'POST',
      `/rest/api/3/issue/${encodeURIComponent(issue.id)}/attachments`,
      attachmentsSchema,
      { file },
      `attaching ${file.fileName} to ${issue.id}`,
    );
    if (sent.type === 'error') return sent;
    const url = sent.value[0]?.content ?? issue.url;
    return { type: 'ok', value: { fileName: file.fileName, url } };
  }

  async function addComment(issue: RemoteIssue, body: string): Promise<TrackerResult<null>> {
    const sent = await request(
      'POST',
      `/rest/api/3/issue/${encodeURIComponent(issue.id)}/comment`,
      commentSchema,
      { json: { body: markdownToAdf(body) } },
      `commenting on ${issue.id}`,
    );
    return sent.type === 'ok' ? { type: 'ok', value: null } : sent;
  }

  return {
    type: 'jira',
    attachesFiles: true,
    testConnection,
    findByMarker,
    createIssue,
    attach,
    addComment,
  };
}

const LABELS = [
  'Signed in',
  'Project found',
  'Issue type found',
  'May create issues',
  'May upload attachments',
  'Accepts requests from Study Group',
];

/** Jira's `{ errorMessages, errors }` as one line, when the body is that. */
function detailOf(text: string): string {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    if (!parsed.success) return '';
    const parts = [
      ...(parsed.data.errorMessages ?? []),
      ...Object.entries(parsed.data.errors ?? {}).map(([field, message]) => `${field}: ${message}`),
    ];
    return parts.length > 0 ? `: ${parts.join('; ')}` : '';
  } catch {
    return '';
  }
}
