import { createHash } from 'node:crypto';
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
 * GitHub's REST API (version 2022-11-28) as far as the GitHub client uses it,
 * shaped after docs.github.com: users, repos, issues, issue comments, search
 * issues, branches, git refs and repository contents.
 */
export interface GithubRepoState {
  owner: string;
  name: string;
  private: boolean;
  hasIssues: boolean;
  defaultBranch: string;
  permissions: { admin: boolean; maintain: boolean; push: boolean; triage: boolean; pull: boolean };
}

export interface GithubIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  comments: string[];
}

export interface GithubFile {
  sha: string;
  bytes: Buffer;
  message: string;
}

export interface GithubServer extends ContractServer {
  repo: GithubRepoState;
  issues: GithubIssue[];
  /** Branch name to head commit sha. */
  branches: Map<string, string>;
  /** `${branch}:${path}` to the committed file. */
  files: Map<string, GithubFile>;
  /** Sent as X-OAuth-Scopes (classic tokens), or null for a fine-grained token. */
  scopes: string[] | null;
}

const API_VERSION = '2022-11-28';
const DOCS = 'https://docs.github.com/rest';

function gitBlobSha(bytes: Buffer): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
    .digest('hex');
}

const notFound = (message = 'Not Found'): Answer => ({
  status: 404,
  json: { message, documentation_url: DOCS, status: '404' },
});

export async function startGithubServer(options: {
  token: string;
  repo?: Partial<GithubRepoState>;
}): Promise<GithubServer> {
  const repo: GithubRepoState = {
    owner: 'acme',
    name: 'shop',
    private: true,
    hasIssues: true,
    defaultBranch: 'main',
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    ...options.repo,
  };
  const issues: GithubIssue[] = [];
  const branches = new Map<string, string>([[repo.defaultBranch, 'a'.repeat(40)]]);
  const files = new Map<string, GithubFile>();
  let commits = 0;
  let base = '';
  const state: { scopes: string[] | null } = { scopes: ['repo'] };

  const web = () => `${base}/web/${repo.owner}/${repo.name}`;
  const issueJson = (issue: GithubIssue) => ({
    id: 1000 + issue.number,
    node_id: `I_${issue.number}`,
    url: `${base}/repos/${repo.owner}/${repo.name}/issues/${issue.number}`,
    html_url: `${web()}/issues/${issue.number}`,
    number: issue.number,
    state: 'open',
    title: issue.title,
    body: issue.body,
    labels: issue.labels.map((name, i) => ({ id: i + 1, name, color: 'ededed', default: false })),
    comments: issue.comments.length,
    user: { login: 'octo', id: 1, type: 'User' },
  });

  function checkHeaders(request: SeenRequest) {
    const auth = request.headers.authorization;
    if (auth === undefined) violation('no Authorization header');
    if (!/^(token|bearer) \S+$/i.test(auth)) violation('Authorization is not "Bearer|token <t>"');
    if (request.headers.accept !== 'application/vnd.github+json') {
      violation(`Accept is "${request.headers.accept}", not application/vnd.github+json`);
    }
    if (request.headers['x-github-api-version'] !== API_VERSION) {
      violation(`X-GitHub-Api-Version is not ${API_VERSION}`);
    }
    return auth.replace(/^\S+ /, '') === options.token;
  }

  const decodeSegments = (segments: string[]) => segments.map(decodeURIComponent).join('/');

  function mayTriage() {
    const p = repo.permissions;
    return p.admin || p.maintain || p.push || p.triage;
  }

  function route(request: SeenRequest): Answer {
    if (!checkHeaders(request)) {
      return { status: 401, json: { message: 'Bad credentials', documentation_url: DOCS } };
    }
    const { method } = request;
    const parts = request.path.split('/').slice(1);
    if (method === 'GET' && request.path === '/user') {
      return {
        status: 200,
        headers: state.scopes ? { 'X-OAuth-Scopes': state.scopes.join(', ') } : {},
        json: { login: 'octo', id: 1, node_id: 'U_1', type: 'User', site_admin: false },
      };
    }
    if (method === 'GET' && request.path === '/search/issues') {
      const q = request.query.get('q');
      if (q === null) {
        return { status: 422, json: { message: 'Validation Failed', documentation_url: DOCS } };
      }
      const per = request.query.get('per_page');
      if (per !== null && !(Number(per) >= 1 && Number(per) <= 100)) violation('per_page');
      if (!q.includes(`repo:${repo.owner}/${repo.name}`)) violation('search not scoped to repo');
      if (!q.includes('in:body')) violation('marker search not in:body');
      const phrase = /"([^"]+)"/.exec(q)?.[1];
      if (phrase === undefined) violation('no quoted phrase in q');
      // GitHub's search matches words, not exact strings: sg-finding-1 also brings sg-finding-12.
      const items = issues
        .filter((i) => i.body.toLowerCase().includes(phrase.toLowerCase().slice(0, -1)))
        .map((i) => ({ ...issueJson(i), score: 1 }));
      return {
        status: 200,
        json: { total_count: items.length, incomplete_results: false, items },
      };
    }
    if (parts[0] !== 'repos') violation(`unknown path ${request.path}`);
    if (parts[1] !== repo.owner || parts[2] !== repo.name) return notFound();
    const rest = parts.slice(3);
    if (method === 'GET' && rest.length === 0) {
      return {
        status: 200,
        json: {
          id: 42,
          name: repo.name,
          full_name: `${repo.owner}/${repo.name}`,
          owner: { login: repo.owner, id: 2, type: 'Organization' },
          private: repo.private,
          html_url: web(),
          has_issues: repo.hasIssues,
          default_branch: repo.defaultBranch,
          permissions: repo.permissions,
        },
      };
    }
    if (rest[0] === 'issues') return issuesRoute(request, rest.slice(1));
    if (method === 'GET' && rest[0] === 'branches' && rest.length >= 2) {
      const name = decodeSegments(rest.slice(1));
      const sha = branches.get(name);
      if (sha === undefined) return notFound('Branch not found');
      return { status: 200, json: { name, commit: { sha }, protected: false } };
    }
    if (method === 'GET' && rest[0] === 'git' && rest[1] === 'ref' && rest[2] === 'heads') {
      const name = decodeSegments(rest.slice(3));
      const sha = branches.get(name);
      if (sha === undefined) return notFound();
      return {
        status: 200,
        json: { ref: `refs/heads/${name}`, node_id: 'R', object: { type: 'commit', sha } },
      };
    }
    if (method === 'POST' && rest[0] === 'git' && rest[1] === 'refs' && rest.length === 2) {
      const body = jsonBody(request);
      checkFields(body, {
        ref: { type: 'string', required: true },
        sha: { type: 'string', required: true },
      });
      const ref = body.ref as string;
      if (!/^refs\/heads\/.+/.test(ref)) violation('ref is not refs/heads/<branch>');
      const sha = body.sha as string;
      if (![...branches.values()].includes(sha)) {
        return { status: 422, json: { message: 'Object does not exist', documentation_url: DOCS } };
      }
      const name = ref.slice('refs/heads/'.length);
      if (branches.has(name)) {
        return {
          status: 422,
          json: { message: 'Reference already exists', documentation_url: DOCS },
        };
      }
      branches.set(name, sha);
      return { status: 201, json: { ref, node_id: 'R', object: { type: 'commit', sha } } };
    }
    if (rest[0] === 'contents' && rest.length >= 2) {
      return contentsRoute(request, decodeSegments(rest.slice(1)));
    }
    return violation(`unknown route ${method} ${request.path}`);
  }

  function contentsRoute(request: SeenRequest, path: string): Answer {
    const fileJson = (branch: string, file: GithubFile) => ({
      type: 'file',
      name: path.split('/').pop(),
      path,
      sha: file.sha,
      size: file.bytes.length,
      html_url: `${web()}/blob/${branch}/${path}`,
      download_url: `${base}/raw/${branch}/${path}`,
    });
    if (request.method === 'GET') {
      const branch = request.query.get('ref') ?? repo.defaultBranch;
      const file = files.get(`${branch}:${path}`);
      if (!file) return notFound();
      return {
        status: 200,
        json: {
          ...fileJson(branch, file),
          encoding: 'base64',
          content: file.bytes.toString('base64'),
        },
      };
    }
    if (request.method !== 'PUT') return violation(`unknown route ${request.method} contents`);
    if (!mayTriage() || !repo.permissions.push) {
      return { status: 403, json: { message: 'Resource not accessible by integration' } };
    }
    const body = jsonBody(request);
    checkFields(body, {
      message: { type: 'string', required: true },
      content: { type: 'string', required: true },
      branch: { type: 'string' },
      sha: { type: 'string' },
    });
    const content = body.content as string;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(content)) violation('content is not base64');
    const branch = (body.branch as string | undefined) ?? repo.defaultBranch;
    if (!branches.has(branch)) return notFound(`Branch ${branch} not found`);
    const key = `${branch}:${path}`;
    const existing = files.get(key);
    if (existing && body.sha === undefined) {
      return {
        status: 422,
        json: { message: 'Invalid request.\n\n"sha" wasn\'t supplied.', documentation_url: DOCS },
      };
    }
    if (existing && body.sha !== existing.sha) {
      return { status: 409, json: { message: `${path} does not match ${String(body.sha)}` } };
    }
    const bytes = Buffer.from(content, 'base64');
    const file = { sha: gitBlobSha(bytes), bytes, message: body.message as string };
    files.set(key, file);
    commits += 1;
    const commit = createHash('sha1').update(`commit ${commits}`).digest('hex');
    branches.set(branch, commit);
    return {
      status: existing ? 200 : 201,
      json: {
        content: fileJson(branch, file),
        commit: { sha: commit, message: file.message, html_url: `${web()}/commit/${commit}` },
      },
    };
  }

  function issuesRoute(request: SeenRequest, rest: string[]): Answer {
    if (!repo.hasIssues) {
      return { status: 410, json: { message: 'Issues are disabled for this repo' } };
    }
    if (request.method === 'POST' && rest.length === 0) {
      const body = jsonBody(request);
      checkFields(body, {
        title: { type: 'string', required: true },
        body: { type: 'string' },
        labels: { type: 'string[]' },
        assignees: { type: 'string[]' },
        milestone: { type: 'number' },
      });
      if ((body.title as string).trim() === '') {
        return { status: 422, json: { message: 'Validation Failed', documentation_url: DOCS } };
      }
      const issue: GithubIssue = {
        number: issues.length + 1,
        title: body.title as string,
        body: (body.body as string | undefined) ?? '',
        // Labels from users without triage access are dropped silently, as GitHub does.
        labels: mayTriage() ? ((body.labels as string[] | undefined) ?? []) : [],
        comments: [],
      };
      issues.push(issue);
      return { status: 201, json: issueJson(issue) };
    }
    const issue = issues.find((i) => String(i.number) === rest[0]);
    if (!issue) return notFound();
    if (rest.length === 1 && request.method === 'GET')
      return { status: 200, json: issueJson(issue) };
    if (rest.length === 1 && request.method === 'PATCH') {
      const body = jsonBody(request);
      checkFields(body, {
        title: { type: 'string' },
        body: { type: 'string' },
        state: { type: 'string' },
        labels: { type: 'string[]' },
      });
      if (typeof body.body === 'string') issue.body = body.body;
      if (typeof body.title === 'string') issue.title = body.title;
      return { status: 200, json: issueJson(issue) };
    }
    if (rest.length === 2 && rest[1] === 'comments' && request.method === 'POST') {
      const body = jsonBody(request);
      checkFields(body, { body: { type: 'string', required: true } });
      issue.comments.push(body.body as string);
      const id = 5000 + issue.comments.length;
      return {
        status: 201,
        json: {
          id,
          html_url: `${web()}/issues/${issue.number}#issuecomment-${id}`,
          body: body.body,
        },
      };
    }
    return violation(`unknown route ${request.method} ${request.path}`);
  }

  const server = await startContractServer(route, (status) => ({
    message:
      status === 401
        ? 'Bad credentials'
        : status === 404
          ? 'Not Found'
          : status === 429
            ? 'API rate limit exceeded'
            : status === 403
              ? 'Must have admin rights to Repository.'
              : 'Server Error',
    documentation_url: DOCS,
    status: String(status),
  }));
  base = server.url;
  return Object.defineProperty(Object.assign(server, { repo, issues, branches, files }), 'scopes', {
    get: () => state.scopes,
    set: (value: string[] | null) => {
      state.scopes = value;
    },
  }) as GithubServer;
}
