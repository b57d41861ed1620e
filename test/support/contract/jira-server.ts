import {
  header,
  startRecordingServer,
  type Answer,
  type Failure,
  type RecordedRequest,
  type RecordingServer,
} from './recording-server';

// A Jira Cloud REST v3 stand-in on loopback that holds every request to the
// published API shape (developer.atlassian.com/cloud/jira/platform/rest/v3):
// paths, methods, Basic auth, JSON bodies, ADF descriptions and comments,
// multipart uploads in field `file` with `X-Atlassian-Token: no-check`, and
// Jira's XSRF rule: a POST or PUT that looks like a browser (a "Mozilla"
// User-Agent, or any Origin header) gets 403 "XSRF check failed" whatever the
// credentials, while GETs pass. Anything off the published shape is answered
// as Jira would (400/404/410) and recorded as a contract violation.

export interface JiraIssueState {
  id: string;
  key: string;
  fields: {
    summary: string;
    issuetype: string;
    description: unknown;
    labels: string[];
  };
  attachments: { id: string; filename: string; mimeType: string; bytes: Buffer }[];
  comments: unknown[];
}

export interface JiraServer extends RecordingServer {
  email: string;
  token: string;
  projectKey: string;
  issues: JiraIssueState[];
  /** Requests that broke the published API shape (tests assert none). */
  violations: string[];
  /** Requests refused by the XSRF rule. */
  xsrfRefused: RecordedRequest[];
  permissions: { CREATE_ISSUES: boolean; CREATE_ATTACHMENTS: boolean };
  /** The next matching request(s) get this status instead of their answer. */
  failNext(failure: Failure & { path?: RegExp }): void;
}

export interface JiraServerOptions {
  email?: string;
  token?: string;
  projectKey?: string;
  issueTypes?: string[];
}

const API = '/rest/api/3';
const SEARCH_FIELDS = new Set(['jql', 'maxResults', 'fields', 'nextPageToken', 'expand']);
const ISSUE_FIELDS = new Set(['project', 'issuetype', 'summary', 'description', 'labels']);

export async function startJiraServer(options: JiraServerOptions = {}): Promise<JiraServer> {
  const email = options.email ?? 'ann@example.com';
  const token = options.token ?? 'ATATT3xFfGF0-jira-token-8d7c6b5a';
  const projectKey = options.projectKey ?? 'PAY';
  const issueTypes = options.issueTypes ?? ['Bug', 'Task'];
  const expectedAuth = `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
  const issues: JiraIssueState[] = [];
  const violations: string[] = [];
  const xsrfRefused: RecordedRequest[] = [];
  const failures: (Failure & { path?: RegExp; left: number })[] = [];
  const permissions = { CREATE_ISSUES: true, CREATE_ATTACHMENTS: true };
  let nextId = 10000;
  let base = '';

  const violation = (request: RecordedRequest, what: string, answer: Answer): Answer => {
    violations.push(`${request.method} ${request.url}: ${what}`);
    return answer;
  };
  const badRequest = (request: RecordedRequest, what: string): Answer =>
    violation(request, what, {
      status: 400,
      body: { errorMessages: [`Invalid request payload: ${what}`], errors: {} },
    });

  function handle(request: RecordedRequest): Answer | Promise<Answer> {
    const url = new URL(request.url, 'http://jira.invalid');
    const path = url.pathname;
    const failure = failures.find((f) => !f.path || f.path.test(path));
    if (failure) {
      failure.left -= 1;
      if (failure.left <= 0) failures.splice(failures.indexOf(failure), 1);
      const headers: Record<string, string> = {};
      if (failure.retryAfter !== undefined) headers['Retry-After'] = String(failure.retryAfter);
      return { status: failure.status, headers, body: { errorMessages: ['Injected failure.'] } };
    }
    // Jira checks XSRF before anything else on a state-changing request.
    if (request.method === 'POST' || request.method === 'PUT') {
      const agent = header(request, 'user-agent') ?? '';
      if (/Mozilla/i.test(agent) || header(request, 'origin') !== undefined) {
        xsrfRefused.push(request);
        return { status: 403, body: 'XSRF check failed' };
      }
    }
    if (header(request, 'authorization') !== expectedAuth) {
      return { status: 401, body: 'Client must be authenticated to access this resource.' };
    }
    if (path === `${API}/search` && request.method === 'GET') {
      return violation(request, 'the removed /rest/api/3/search', {
        status: 410,
        body: {
          errorMessages: ['The requested API has been removed. Use /rest/api/3/search/jql.'],
        },
      });
    }
    const route = `${request.method} ${path}`;
    if (route === `GET ${API}/myself`) {
      return {
        status: 200,
        body: {
          self: `${base}${API}/user?accountId=5b10ac8d82e05b22cc7d4ef5`,
          accountId: '5b10ac8d82e05b22cc7d4ef5',
          accountType: 'atlassian',
          emailAddress: email,
          displayName: 'Ann Example',
          active: true,
        },
      };
    }
    const project = /^\/rest\/api\/3\/project\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && project) {
      const key = decodeURIComponent(project[1] ?? '');
      if (key !== projectKey) return noProject(key);
      return {
        status: 200,
        body: {
          self: `${base}${API}/project/10000`,
          id: '10000',
          key: projectKey,
          name: 'Payments',
          projectTypeKey: 'software',
          issueTypes: [
            ...issueTypes.map((name, i) => ({ id: String(10001 + i), name, subtask: false })),
            { id: '10099', name: 'Subtask', subtask: true },
          ],
        },
      };
    }
    if (route === `GET ${API}/mypermissions`) {
      const asked = url.searchParams.get('permissions');
      if (!asked) return badRequest(request, 'mypermissions without the required permissions');
      const key = url.searchParams.get('projectKey');
      if (key !== null && key !== projectKey) return noProject(key);
      const body: Record<string, unknown> = {};
      for (const name of asked.split(',')) {
        if (name !== 'CREATE_ISSUES' && name !== 'CREATE_ATTACHMENTS') {
          return badRequest(request, `unknown permission ${name}`);
        }
        body[name] = {
          id: name === 'CREATE_ISSUES' ? '11' : '19',
          key: name,
          name: name === 'CREATE_ISSUES' ? 'Create Issues' : 'Create Attachments',
          type: 'PROJECT',
          havePermission: permissions[name],
        };
      }
      return { status: 200, body: { permissions: body } };
    }
    if (route === `POST ${API}/search/jql`) return search(request);
    if (route === `POST ${API}/issue`) return create(request);
    const sub = /^\/rest\/api\/3\/issue\/([^/]+)\/(attachments|comment)$/.exec(path);
    if (request.method === 'POST' && sub) {
      const issue = issues.find((i) => i.key === decodeURIComponent(sub[1] ?? ''));
      if (!issue) {
        return {
          status: 404,
          body: {
            errorMessages: ['Issue does not exist or you do not have permission to see it.'],
            errors: {},
          },
        };
      }
      return sub[2] === 'attachments' ? attach(request, issue) : comment(request, issue);
    }
    return violation(request, 'no such endpoint in Jira Cloud REST v3', {
      status: 404,
      body: { errorMessages: ['Not found.'] },
    });
  }

  function noProject(key: string): Answer {
    return {
      status: 404,
      body: { errorMessages: [`No project could be found with key '${key}'.`], errors: {} },
    };
  }

  function json(
    request: RecordedRequest,
  ): { ok: true; value: unknown } | { ok: false; answer: Answer } {
    const type = header(request, 'content-type') ?? '';
    if (!/^application\/json\b/.test(type)) {
      return {
        ok: false,
        answer: violation(request, `Content-Type ${type || 'missing'}`, {
          status: 415,
          body: { errorMessages: ['Unsupported Media Type'] },
        }),
      };
    }
    try {
      return { ok: true, value: JSON.parse(request.body.toString('utf8')) };
    } catch {
      return { ok: false, answer: badRequest(request, 'body is not JSON') };
    }
  }

  function search(request: RecordedRequest): Answer {
    const parsed = json(request);
    if (!parsed.ok) return parsed.answer;
    const body = parsed.value as Record<string, unknown>;
    const extra = Object.keys(body).filter((k) => !SEARCH_FIELDS.has(k));
    if (extra.length > 0) return badRequest(request, `unknown fields ${extra.join(', ')}`);
    if (typeof body.jql !== 'string') return badRequest(request, 'jql missing');
    const max = body.maxResults;
    if (
      max !== undefined &&
      (typeof max !== 'number' || !Number.isInteger(max) || max < 0 || max > 5000)
    ) {
      return badRequest(request, 'maxResults not an integer in 0..5000');
    }
    if (
      body.fields !== undefined &&
      !(Array.isArray(body.fields) && body.fields.every((f) => typeof f === 'string'))
    ) {
      return badRequest(request, 'fields not a list of strings');
    }
    // The two JQL shapes a client of ours may send; enhanced search refuses unbounded JQL.
    const jql = /^project = "((?:[^"\\]|\\.)*)"(?: AND labels = "((?:[^"\\]|\\.)*)")?$/.exec(
      body.jql,
    );
    if (!jql) {
      return violation(request, `unexpected JQL ${body.jql}`, {
        status: 400,
        body: {
          errorMessages: [
            'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
          ],
        },
      });
    }
    const unquote = (s: string) => s.replace(/\\(.)/g, '$1');
    const key = unquote(jql[1] ?? '');
    if (key !== projectKey) {
      return {
        status: 400,
        body: { errorMessages: [`The value '${key}' does not exist for the field 'project'.`] },
      };
    }
    const label = jql[2] === undefined ? null : unquote(jql[2]);
    const hits = issues.filter((i) => label === null || i.fields.labels.includes(label));
    const fields = (body.fields as string[] | undefined) ?? [];
    return {
      status: 200,
      body: {
        issues: hits.slice(0, typeof max === 'number' ? max : 50).map((i) => ({
          id: i.id,
          key: i.key,
          self: `${base}${API}/issue/${i.id}`,
          fields: fields.includes('labels') ? { labels: i.fields.labels } : {},
        })),
        isLast: true,
      },
    };
  }

  function create(request: RecordedRequest): Answer {
    const parsed = json(request);
    if (!parsed.ok) return parsed.answer;
    const body = parsed.value as { fields?: Record<string, unknown> };
    const fields = body.fields;
    if (!fields || typeof fields !== 'object') return badRequest(request, 'fields missing');
    const extra = Object.keys(fields).filter((k) => !ISSUE_FIELDS.has(k));
    if (extra.length > 0) return badRequest(request, `unexpected fields ${extra.join(', ')}`);
    const errors: Record<string, string> = {};
    const project = fields.project as { key?: unknown } | undefined;
    if (project?.key !== projectKey) errors.project = 'valid project is required';
    const type = fields.issuetype as { name?: unknown } | undefined;
    if (typeof type?.name !== 'string' || !issueTypes.includes(type.name)) {
      errors.issuetype = 'Specify an issue type';
    }
    const summary = fields.summary;
    if (typeof summary !== 'string' || summary.trim() === '')
      errors.summary = 'You must specify a summary of the issue.';
    else if (summary.length > 255) errors.summary = 'Summary must be less than 255 characters.';
    const adf = adfProblems(fields.description);
    if (adf.length > 0) {
      violations.push(
        `${request.method} ${request.url}: description is not ADF: ${adf.join('; ')}`,
      );
      errors.description =
        'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
    }
    const labels = fields.labels;
    if (labels !== undefined) {
      if (!Array.isArray(labels) || !labels.every((l) => typeof l === 'string'))
        errors.labels = 'labels must be strings';
      else if (labels.some((l) => /\s/.test(l) || l.length === 0 || l.length > 255)) {
        errors.labels = "The label can't contain spaces.";
      }
    }
    if (Object.keys(errors).length > 0) {
      violations.push(`${request.method} ${request.url}: ${JSON.stringify(errors)}`);
      return { status: 400, body: { errorMessages: [], errors } };
    }
    if (!permissions.CREATE_ISSUES) {
      return {
        status: 403,
        body: {
          errorMessages: ['You do not have permission to create issues in this project.'],
          errors: {},
        },
      };
    }
    const id = String(nextId++);
    const key = `${projectKey}-${issues.length + 1}`;
    issues.push({
      id,
      key,
      fields: {
        summary: summary as string,
        issuetype: (type as { name: string }).name,
        description: fields.description,
        labels: (labels as string[] | undefined) ?? [],
      },
      attachments: [],
      comments: [],
    });
    return { status: 201, body: { id, key, self: `${base}${API}/issue/${id}` } };
  }

  async function attach(request: RecordedRequest, issue: JiraIssueState): Promise<Answer> {
    // Jira itself answers an upload without the header as an XSRF failure.
    if (header(request, 'x-atlassian-token') !== 'no-check') {
      violations.push(`${request.method} ${request.url}: X-Atlassian-Token: no-check missing`);
      return { status: 403, body: 'XSRF check failed' };
    }
    const type = header(request, 'content-type') ?? '';
    if (!/^multipart\/form-data;\s*boundary=/.test(type))
      return badRequest(request, `Content-Type ${type}`);
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(request.body), {
        headers: { 'Content-Type': type },
      }).formData();
    } catch {
      return badRequest(request, 'unreadable multipart body');
    }
    const names = [...new Set([...form.keys()])];
    if (names.some((n) => n !== 'file'))
      return badRequest(request, `multipart fields ${names.join(', ')}`);
    const files = form.getAll('file').filter((f): f is File => typeof f !== 'string');
    if (files.length === 0) return badRequest(request, 'no file in field "file"');
    if (!permissions.CREATE_ATTACHMENTS) {
      return {
        status: 403,
        body: {
          errorMessages: ['You do not have permission to create attachments for this issue.'],
        },
      };
    }
    const made = [];
    for (const file of files) {
      const id = String(nextId++);
      const bytes = Buffer.from(await file.arrayBuffer());
      issue.attachments.push({ id, filename: file.name, mimeType: file.type, bytes });
      made.push({
        self: `${base}${API}/attachment/${id}`,
        id,
        filename: file.name,
        mimeType: file.type,
        size: bytes.length,
        content: `${base}${API}/attachment/content/${id}`,
      });
    }
    return { status: 200, body: made };
  }

  function comment(request: RecordedRequest, issue: JiraIssueState): Answer {
    const parsed = json(request);
    if (!parsed.ok) return parsed.answer;
    const body = parsed.value as Record<string, unknown>;
    const problems = adfProblems(body.body);
    if (problems.length > 0)
      return badRequest(request, `comment body is not ADF: ${problems.join('; ')}`);
    issue.comments.push(body.body);
    const id = String(nextId++);
    return {
      status: 201,
      body: { self: `${base}${API}/issue/${issue.id}/comment/${id}`, id, body: body.body },
    };
  }

  const server = await startRecordingServer(handle);
  base = server.url;
  return {
    ...server,
    email,
    token,
    projectKey,
    issues,
    violations,
    xsrfRefused,
    permissions,
    failNext(failure) {
      failures.push({ ...failure, left: failure.times ?? 1 });
    },
  };
}

const MARKS = new Set(['strong', 'em', 'code', 'link', 'strike', 'underline']);
const INLINE = new Set(['text', 'hardBreak']);
/** Which children each block node of the ADF schema may hold. */
const CHILDREN: Record<string, Set<string>> = {
  doc: new Set([
    'paragraph',
    'heading',
    'bulletList',
    'orderedList',
    'blockquote',
    'rule',
    'codeBlock',
  ]),
  paragraph: INLINE,
  heading: INLINE,
  bulletList: new Set(['listItem']),
  orderedList: new Set(['listItem']),
  listItem: new Set(['paragraph', 'bulletList', 'orderedList', 'codeBlock']),
  blockquote: new Set(['paragraph', 'bulletList', 'orderedList', 'codeBlock']),
  codeBlock: new Set(['text']),
  rule: new Set(),
};

/** What makes `value` not an ADF document (empty when it is one), per the published JSON schema. */
export function adfProblems(value: unknown): string[] {
  const problems: string[] = [];
  const doc = value as { type?: unknown; version?: unknown; content?: unknown } | null;
  if (!doc || typeof doc !== 'object') return ['not an object'];
  if (doc.type !== 'doc') problems.push('type is not "doc"');
  if (doc.version !== 1) problems.push('version is not 1');
  node(doc, 'doc', problems, 0);
  return problems;
}

function node(value: unknown, where: string, problems: string[], depth: number): void {
  if (depth > 20) {
    problems.push(`${where}: nested too deep`);
    return;
  }
  const n = value as {
    type?: unknown;
    content?: unknown;
    text?: unknown;
    marks?: unknown;
    attrs?: unknown;
  };
  if (!n || typeof n !== 'object' || typeof n.type !== 'string') {
    problems.push(`${where}: a node without a type`);
    return;
  }
  if (n.type === 'text') {
    if (typeof n.text !== 'string' || n.text.length === 0)
      problems.push(`${where}: text node with empty text`);
    if (n.marks !== undefined) {
      if (!Array.isArray(n.marks)) problems.push(`${where}: marks not a list`);
      else {
        const types = n.marks.map((m: { type?: unknown }) => m?.type);
        for (const mark of n.marks as { type?: unknown; attrs?: { href?: unknown } }[]) {
          if (typeof mark?.type !== 'string' || !MARKS.has(mark.type))
            problems.push(`${where}: unknown mark ${String(mark?.type)}`);
          if (mark?.type === 'link' && typeof mark.attrs?.href !== 'string')
            problems.push(`${where}: link without href`);
        }
        if (types.includes('code') && types.some((t) => t !== 'code' && t !== 'link')) {
          problems.push(`${where}: code mark beside ${types.join(', ')}`);
        }
      }
    }
    return;
  }
  if (n.type === 'hardBreak') return;
  const allowed = CHILDREN[n.type];
  if (!allowed) {
    problems.push(`${where}: unknown node ${n.type}`);
    return;
  }
  if (n.type === 'heading') {
    const level = (n.attrs as { level?: unknown } | undefined)?.level;
    if (typeof level !== 'number' || level < 1 || level > 6)
      problems.push(`${where}: heading level`);
  }
  if (n.type === 'rule') {
    if (n.content !== undefined) problems.push(`${where}: rule with content`);
    return;
  }
  if (!Array.isArray(n.content)) {
    problems.push(`${where}/${n.type}: content is not a list`);
    return;
  }
  const needsChild = ['bulletList', 'orderedList', 'listItem', 'blockquote'].includes(n.type);
  if (needsChild && n.content.length === 0) problems.push(`${where}/${n.type}: empty`);
  n.content.forEach((child: unknown, i: number) => {
    const type = (child as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && !allowed.has(type))
      problems.push(`${where}/${n.type}[${i}]: ${type} not allowed here`);
    node(child, `${where}/${n.type}[${i}]`, problems, depth + 1);
  });
}
