import { randomBytes } from 'node:crypto';
import {
  checkFields,
  jsonBody,
  startContractServer,
  violation,
  type Answer,
  type ContractServer,
  type SeenRequest,
} from './http-contract';

/**
 * GitLab's REST API v4 as far as the GitLab client uses it, shaped after
 * docs.gitlab.com: users, personal access tokens, projects, issues, notes and
 * project Markdown uploads.
 */
export interface GitlabProjectState {
  id: number;
  path: string;
  visibility: 'private' | 'internal' | 'public';
  issuesAccessLevel: 'enabled' | 'private' | 'disabled';
  /** The token user's role in the project, or null for a non-member. */
  accessLevel: number | null;
}

export interface GitlabIssue {
  iid: number;
  title: string;
  description: string;
  labels: string[];
  notes: string[];
}

export interface GitlabUpload {
  fileName: string;
  mime: string;
  bytes: Buffer;
  url: string;
}

export interface GitlabServer extends ContractServer {
  project: GitlabProjectState;
  issues: GitlabIssue[];
  uploads: GitlabUpload[];
  /** The token's scopes as GET /personal_access_tokens/self reports them. */
  tokenScopes: string[];
}

const error = (status: number, message: string): Answer => ({ status, json: { message } });

export async function startGitlabServer(options: {
  token: string;
  project?: Partial<GitlabProjectState>;
}): Promise<GitlabServer> {
  const project: GitlabProjectState = {
    id: 7,
    path: 'acme/shop',
    visibility: 'private',
    issuesAccessLevel: 'enabled',
    accessLevel: 30,
    ...options.project,
  };
  const issues: GitlabIssue[] = [];
  const uploads: GitlabUpload[] = [];
  let self: GitlabServer | null = null;
  let base = '';
  const web = () => `${base}/${project.path}`;

  const issueJson = (issue: GitlabIssue) => ({
    id: 900 + issue.iid,
    iid: issue.iid,
    project_id: project.id,
    title: issue.title,
    description: issue.description,
    state: 'opened',
    labels: issue.labels,
    user_notes_count: issue.notes.length,
    web_url: `${web()}/-/issues/${issue.iid}`,
    references: { short: `#${issue.iid}`, full: `${project.path}#${issue.iid}` },
  });

  async function route(request: SeenRequest): Promise<Answer> {
    const token = request.headers['private-token'];
    if (token === undefined) violation('no PRIVATE-TOKEN header');
    if (request.headers.authorization !== undefined) violation('token sent twice');
    if (token !== options.token) return error(401, '401 Unauthorized');
    const raw = request.rawUrl.split('?')[0] ?? '';
    if (!raw.startsWith('/api/v4/')) violation(`not under /api/v4: ${raw}`);
    const parts = raw.slice('/api/v4/'.length).split('/');
    const { method } = request;
    if (method === 'GET' && raw === '/api/v4/user') {
      return {
        status: 200,
        json: { id: 3, username: 'ann', name: 'Ann', state: 'active', web_url: `${base}/ann` },
      };
    }
    if (method === 'GET' && raw === '/api/v4/personal_access_tokens/self') {
      return {
        status: 200,
        json: {
          id: 11,
          name: 'study group',
          revoked: false,
          active: true,
          scopes: self?.tokenScopes ?? [],
          user_id: 3,
          expires_at: null,
        },
      };
    }
    if (parts[0] !== 'projects' || parts[1] === undefined) violation(`unknown path ${raw}`);
    const id = decodeURIComponent(parts[1]);
    if (id !== String(project.id) && id !== project.path) {
      return error(404, '404 Project Not Found');
    }
    const member = project.accessLevel !== null;
    const readable = member || project.visibility !== 'private';
    if (!readable) return error(404, '404 Project Not Found');
    const rest = parts.slice(2);
    const writes = (self?.tokenScopes ?? []).includes('api');
    if (method === 'GET' && rest.length === 0) {
      return {
        status: 200,
        json: {
          id: project.id,
          name: project.path.split('/').pop(),
          path_with_namespace: project.path,
          web_url: web(),
          visibility: project.visibility,
          issues_enabled: project.issuesAccessLevel !== 'disabled',
          issues_access_level: project.issuesAccessLevel,
          permissions: {
            project_access: member
              ? { access_level: project.accessLevel, notification_level: 3 }
              : null,
            group_access: null,
          },
        },
      };
    }
    if (method !== 'GET' && !writes) {
      return {
        status: 403,
        json: {
          error: 'insufficient_scope',
          error_description:
            'The request requires higher privileges than provided by the access token.',
          scope: 'api',
        },
      };
    }
    if (rest[0] === 'uploads' && rest.length === 1 && method === 'POST') {
      const type = request.headers['content-type'] ?? '';
      if (!type.startsWith('multipart/form-data')) violation(`upload is ${type}, not multipart`);
      const form = await new Response(new Uint8Array(request.body), {
        headers: { 'content-type': type },
      }).formData();
      const names = [...form.keys()];
      if (names.length !== 1 || names[0] !== 'file') violation(`form fields ${names.join(',')}`);
      const file = form.get('file');
      if (!(file instanceof File) || file.name === '') violation('field "file" is not a file');
      const secret = randomBytes(16).toString('hex');
      const url = `/uploads/${secret}/${file.name}`;
      const alt = file.name.replace(/\.[^.]+$/, '');
      const image = file.type.startsWith('image/');
      uploads.push({
        fileName: file.name,
        mime: file.type,
        bytes: Buffer.from(await file.arrayBuffer()),
        url,
      });
      return {
        status: 201,
        json: {
          id: uploads.length,
          alt,
          url,
          full_path: `/-/project/${project.id}${url}`,
          markdown: image ? `![${alt}](${url})` : `[${file.name}](${url})`,
        },
      };
    }
    if (rest[0] !== 'issues') return violation(`unknown route ${method} ${raw}`);
    if (project.issuesAccessLevel === 'disabled') return error(403, '403 Forbidden');
    if (rest.length === 1 && method === 'POST') {
      if (!member && project.visibility === 'private') return error(403, '403 Forbidden');
      const body = jsonBody(request);
      checkFields(body, {
        title: { type: 'string', required: true },
        description: { type: 'string' },
        labels: { type: 'string' },
        confidential: { type: 'string' },
      });
      if ((body.title as string).trim() === '') {
        return { status: 400, json: { message: { title: ["can't be blank"] } } };
      }
      const issue: GitlabIssue = {
        iid: issues.length + 1,
        title: body.title as string,
        description: (body.description as string | undefined) ?? '',
        labels: ((body.labels as string | undefined) ?? '').split(',').filter(Boolean),
        notes: [],
      };
      issues.push(issue);
      return { status: 201, json: issueJson(issue) };
    }
    if (rest.length === 1 && method === 'GET') {
      for (const key of request.query.keys()) {
        if (!['search', 'in', 'state', 'per_page', 'page', 'labels'].includes(key)) {
          violation(`undocumented issues filter "${key}"`);
        }
      }
      const scope = request.query.get('in');
      if (scope !== null && !['title', 'description', 'title,description'].includes(scope)) {
        violation(`in=${scope}`);
      }
      const search = (request.query.get('search') ?? '').toLowerCase();
      // GitLab's search is a substring match: sg-finding-1 also finds sg-finding-12.
      const hits = issues.filter((i) =>
        (scope === 'title' ? i.title : i.description).toLowerCase().includes(search),
      );
      return { status: 200, json: hits.map(issueJson) };
    }
    const issue = issues.find((i) => String(i.iid) === rest[1]);
    if (!issue) return error(404, '404 Issue Not Found');
    if (rest.length === 3 && rest[2] === 'notes' && method === 'POST') {
      const body = jsonBody(request);
      checkFields(body, {
        body: { type: 'string', required: true },
        internal: { type: 'string' },
        created_at: { type: 'string' },
      });
      issue.notes.push(body.body as string);
      return {
        status: 201,
        json: {
          id: 300 + issue.notes.length,
          body: body.body,
          noteable_type: 'Issue',
          noteable_iid: issue.iid,
          author: { id: 3, username: 'ann' },
          system: false,
        },
      };
    }
    return violation(`unknown route ${method} ${raw}`);
  }

  const server = await startContractServer(route, (status) => ({
    message:
      status === 401
        ? '401 Unauthorized'
        : status === 403
          ? '403 Forbidden'
          : status === 404
            ? '404 Project Not Found'
            : status === 429
              ? 'Retry later'
              : '500 Internal Server Error',
  }));
  base = server.url;
  self = Object.assign(server, { project, issues, uploads, tokenScopes: ['api'] });
  return self;
}
