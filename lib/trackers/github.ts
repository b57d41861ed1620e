import { Octokit } from '@octokit/core';
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
import { inlineCode } from '../reports';
import { beforeFooter, hasWholeMarker, toBase64, toHex, withMarker } from './bytes';
import {
  errorResult,
  parseRetryAfter,
  type FetchLike,
  type TrackerError,
  type TrackerResult,
} from './http';

export type GithubTarget = Extract<TrackerTarget, { type: 'github' }>;

/** The REST version these calls were written against (GitHub's dated API versions). */
export const GITHUB_API_VERSION = '2022-11-28';
/** Where evidence files go on the evidence branch: one folder per finding. */
export const GITHUB_EVIDENCE_DIR = 'study-group-evidence';

const HEADERS = {
  accept: 'application/vnd.github+json',
  'x-github-api-version': GITHUB_API_VERSION,
};

const userSchema = z.object({ login: z.string() });
const repoSchema = z.object({
  full_name: z.string(),
  private: z.boolean(),
  has_issues: z.boolean(),
  default_branch: z.string(),
  permissions: z
    .object({
      admin: z.boolean().optional(),
      maintain: z.boolean().optional(),
      push: z.boolean().optional(),
      triage: z.boolean().optional(),
      pull: z.boolean().optional(),
    })
    .optional(),
});
const issueSchema = z.object({ number: z.number(), html_url: z.string() });
const issueBodySchema = z.object({ body: z.string().nullish() });
const searchSchema = z.object({
  items: z.array(
    z.object({
      number: z.number(),
      html_url: z.string(),
      body: z.string().nullish(),
      pull_request: z.unknown().optional(),
    }),
  ),
});
const refSchema = z.object({ object: z.object({ sha: z.string() }) });
const contentSchema = z.object({ sha: z.string(), html_url: z.string().nullish() });
const putContentSchema = z.object({ content: contentSchema });

type Repo = z.infer<typeof repoSchema>;

/** What Octokit rejects with: a RequestError (with a response when one arrived) or anything else. */
interface Failure {
  status: number | null;
  headers: Record<string, string | undefined>;
  message: string;
}

function asFailure(error: unknown): Failure {
  const record = typeof error === 'object' && error !== null ? error : {};
  const response =
    'response' in record && typeof record.response === 'object' && record.response !== null
      ? record.response
      : null;
  const status =
    response && 'status' in response && typeof response.status === 'number'
      ? response.status
      : null;
  const headers: Record<string, string | undefined> = {};
  if (response && 'headers' in response && typeof response.headers === 'object') {
    for (const [name, value] of Object.entries(response.headers ?? {})) {
      if (typeof value === 'string' || typeof value === 'number') headers[name] = String(value);
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status, headers, message };
}

/** Path segments encoded one by one, so `/` stays a separator. */
function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * GitHub Issues through @octokit/core (the request layer only: no REST
 * method table, no retry or throttling plugins; the export pipeline retries).
 * GitHub takes no attachments through its API, so evidence either goes to a
 * branch through the Contents API or stays on this computer, and the body says which.
 */
export function createGithubClient(
  target: GithubTarget,
  fetchFn: FetchLike,
  now: () => number = Date.now,
): TrackerClient {
  const apiUrl = target.apiUrl.replace(/\/+$/, '');
  const secrets = [target.token];
  const repoName = `${target.owner}/${target.repo}`;
  const where = { owner: target.owner, repo: target.repo };
  const evidence = target.evidence;
  const silent = () => undefined;
  const octokit = new Octokit({
    auth: target.token,
    baseUrl: apiUrl,
    userAgent: 'study-group',
    request: { fetch: fetchFn },
    log: { debug: silent, info: silent, warn: silent, error: silent },
  });

  function failure(error: unknown, what: string): TrackerError {
    const { status, headers, message } = asFailure(error);
    if (status === null) {
      return errorResult(null, `Could not reach GitHub at ${apiUrl} (${message}).`, secrets);
    }
    const retryAfter = parseRetryAfter(headers['retry-after'] ?? null, now());
    if (status === 401) {
      return errorResult(
        status,
        `GitHub refused the token (401) when ${what}: check the token in the tracker settings (it may have expired or been revoked).`,
        secrets,
      );
    }
    if (status === 403 || status === 429) {
      const reset = Number(headers['x-ratelimit-reset']);
      const limited =
        status === 429 || retryAfter !== undefined || headers['x-ratelimit-remaining'] === '0';
      if (limited) {
        const wait =
          retryAfter ??
          (Number.isFinite(reset) ? Math.max(0, Math.ceil(reset - now() / 1000)) : undefined);
        return {
          ...errorResult(status, `GitHub is rate limiting (${status}) ${what}.`, secrets, wait),
          retryable: true,
        };
      }
      return errorResult(
        status,
        `GitHub's token is valid but may not do this (403) when ${what}: a classic token needs the "repo" scope ("public_repo" for a public repository); a fine-grained token needs Issues${evidence.type === 'branch' ? ' and Contents' : ''} read and write on ${repoName}.`,
        secrets,
      );
    }
    if (status === 404) {
      return errorResult(
        status,
        `GitHub found nothing (404) when ${what}: check the owner and repository "${repoName}", and that the token may see it (GitHub answers 404 for a private repository the token cannot read).`,
        secrets,
      );
    }
    if (status === 410) {
      return errorResult(
        status,
        `Issues are turned off for ${repoName} (410) when ${what}: turn them on in the repository's settings.`,
        secrets,
      );
    }
    if (status >= 500) {
      return errorResult(
        status,
        `GitHub failed (${status}) when ${what}; try again later.`,
        secrets,
        retryAfter,
      );
    }
    return errorResult(status, `GitHub answered ${status} when ${what}: ${message}`, secrets);
  }

  interface Answer<T> {
    data: T;
    headers: Record<string, string | undefined>;
  }

  async function call<S extends z.ZodType>(
    route: string,
    params: Record<string, unknown>,
    schema: S,
    what: string,
  ): Promise<TrackerResult<Answer<z.infer<S>>>> {
    let response: {
      status: number;
      data: unknown;
      headers: Record<string, string | number | undefined>;
    };
    try {
      response = await octokit.request(route, { ...params, headers: HEADERS });
    } catch (error) {
      return failure(error, what);
    }
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      return errorResult(
        response.status,
        `GitHub's answer to ${what} was not as expected.`,
        secrets,
      );
    }
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name] = String(value);
    }
    return { type: 'ok', value: { data: parsed.data, headers } };
  }

  let repoCache: Repo | null = null;
  async function repository(): Promise<TrackerResult<Repo>> {
    if (repoCache) return { type: 'ok', value: repoCache };
    const found = await call(
      'GET /repos/{owner}/{repo}',
      where,
      repoSchema,
      `looking up the repository ${repoName}`,
    );
    if (found.type === 'error') return found;
    repoCache = found.value.data;
    return { type: 'ok', value: repoCache };
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
    const evidenceLabel =
      evidence.type === 'branch' ? 'May upload attachments' : 'Evidence kept locally';
    const me = await call('GET /user', {}, userSchema, 'checking the token');
    if (me.type === 'error') {
      return stop(me, 'Signed in', ['Repository found', 'May create issues', evidenceLabel]);
    }
    checks.push({ label: 'Signed in', ok: true, detail: `As @${me.value.data.login}.` });
    // Classic tokens list their scopes; fine-grained ones send no such header.
    const scopeHeader = me.value.headers['x-oauth-scopes'];
    const scopes = scopeHeader?.split(',').map((s) => s.trim()) ?? null;
    const found = await repository();
    if (found.type === 'error') {
      return stop(found, 'Repository found', ['May create issues', evidenceLabel]);
    }
    const repo = found.value;
    checks.push({
      label: 'Repository found',
      ok: true,
      detail: `${repo.full_name} (${repo.private ? 'private' : 'public'}).`,
    });
    const perms = repo.permissions ?? {};
    const writes = perms.push === true || perms.maintain === true || perms.admin === true;
    const triage = writes || perms.triage === true;
    const scopeOk =
      scopes === null ||
      scopes.includes('repo') ||
      (!repo.private && scopes.includes('public_repo'));
    const fineGrained =
      scopes === null ? ' A fine-grained token also needs Issues: read and write.' : '';
    if (!repo.has_issues) {
      checks.push({
        label: 'May create issues',
        ok: false,
        detail: `Issues are turned off for ${repo.full_name}: turn them on in its settings.`,
      });
    } else if (!scopeOk) {
      checks.push({
        label: 'May create issues',
        ok: false,
        detail: `The token's scopes (${scopes?.join(', ') || 'none'}) do not include "repo"${repo.private ? '' : ' or "public_repo"'}.`,
      });
    } else if (triage) {
      checks.push({
        label: 'May create issues',
        ok: true,
        detail: `May open issues and set labels.${fineGrained}`,
      });
    } else {
      checks.push({
        label: 'May create issues',
        ok: !repo.private,
        detail: repo.private
          ? `The token's user has no access to ${repo.full_name} that allows opening issues.`
          : `May open issues, but GitHub drops the labels of users without triage access.${fineGrained}`,
      });
    }
    if (evidence.type === 'local') {
      checks.push({
        label: evidenceLabel,
        ok: true,
        detail:
          "GitHub's API takes no attachments: the screenshots and replay stay on this computer and each issue says so.",
      });
      return { type: 'ok', value: { checks } };
    }
    if (!writes) {
      checks.push({
        label: evidenceLabel,
        ok: false,
        detail: `Committing evidence to branch "${evidence.branch}" needs write (push) access to ${repo.full_name}.`,
      });
      return { type: 'ok', value: { checks } };
    }
    const branch = await call(
      `GET /repos/{owner}/{repo}/branches/${encodePath(evidence.branch)}`,
      where,
      z.object({ name: z.string() }),
      `looking up branch "${evidence.branch}"`,
    );
    if (branch.type === 'error' && branch.status !== 404) {
      return stop(branch, evidenceLabel, []);
    }
    checks.push({
      label: evidenceLabel,
      ok: true,
      detail:
        branch.type === 'ok'
          ? `Evidence is committed to branch "${evidence.branch}".`
          : `Branch "${evidence.branch}" does not exist yet: the first export creates it from "${repo.default_branch}".`,
    });
    return { type: 'ok', value: { checks } };
  }

  /** What the body says about evidence, since GitHub cannot hold it as attachments. */
  function evidenceNote(draft: IssueDraft): string | null {
    if (draft.attachments.length === 0) return null;
    return evidence.type === 'branch'
      ? `**Evidence** is committed to branch ${inlineCode(evidence.branch)} of this repository; each file above links to it once it is there.`
      : "**Evidence is kept locally.** GitHub's API takes no attachments, so the files listed above are not uploaded: they stay in Study Group on the computer that filed this issue, whose findings board saves the screenshots and the offline replay to drag into a comment here.";
  }

  async function createIssue(draft: IssueDraft): Promise<TrackerResult<RemoteIssue>> {
    const note = evidenceNote(draft);
    const body = withMarker(note ? beforeFooter(draft.body, note) : draft.body, draft.marker);
    // The marker stays out of the labels: GitHub would create one label per finding.
    const labels = draft.labels.filter((label) => label !== draft.marker);
    const created = await call(
      'POST /repos/{owner}/{repo}/issues',
      { ...where, title: draft.title, body, labels },
      issueSchema,
      `creating the issue "${draft.title}" in ${repoName}`,
    );
    if (created.type === 'error') return created;
    const issue = created.value.data;
    return { type: 'ok', value: { id: String(issue.number), url: issue.html_url } };
  }

  async function findByMarker(marker: string): Promise<TrackerResult<RemoteIssue | null>> {
    const found = await call(
      'GET /search/issues',
      { q: `repo:${repoName} is:issue in:body "${marker}"`, per_page: 100 },
      searchSchema,
      `searching ${repoName} for ${marker}`,
    );
    if (found.type === 'error') return found;
    // Search matches words loosely: insist on the whole marker in the body.
    const hit = found.value.data.items.find(
      (item) => item.pull_request === undefined && hasWholeMarker(item.body ?? '', marker),
    );
    return {
      type: 'ok',
      value: hit ? { id: String(hit.number), url: hit.html_url } : null,
    };
  }

  let branchReady = false;
  /** The evidence branch, created from the default branch's head when missing. */
  async function ensureBranch(branch: string): Promise<TrackerResult<null>> {
    if (branchReady) return { type: 'ok', value: null };
    const existing = await call(
      `GET /repos/{owner}/{repo}/git/ref/heads/${encodePath(branch)}`,
      where,
      refSchema,
      `looking up branch "${branch}"`,
    );
    if (existing.type === 'error' && existing.status !== 404) return existing;
    if (existing.type === 'error') {
      const repo = await repository();
      if (repo.type === 'error') return repo;
      const head = await call(
        `GET /repos/{owner}/{repo}/git/ref/heads/${encodePath(repo.value.default_branch)}`,
        where,
        refSchema,
        `reading the head of "${repo.value.default_branch}"`,
      );
      if (head.type === 'error') return head;
      const made = await call(
        'POST /repos/{owner}/{repo}/git/refs',
        { ...where, ref: `refs/heads/${branch}`, sha: head.value.data.object.sha },
        z.object({ ref: z.string() }),
        `creating branch "${branch}"`,
      );
      // 422: another export created it in between.
      if (made.type === 'error' && made.status !== 422) return made;
    }
    branchReady = true;
    return { type: 'ok', value: null };
  }

  /** Git's blob id of the bytes, to tell whether a file already committed is this one. */
  async function blobSha(data: Uint8Array): Promise<string> {
    const header = new TextEncoder().encode(`blob ${data.length}\0`);
    const all = new Uint8Array(header.length + data.length);
    all.set(header);
    all.set(data, header.length);
    return toHex(await crypto.subtle.digest('SHA-1', all));
  }

  /** Commits the file, or finds it already there from an attempt that stopped midway. */
  async function commitFile(
    branch: string,
    path: string,
    issue: RemoteIssue,
    file: IssueAttachment,
  ): Promise<TrackerResult<string>> {
    const route = `PUT /repos/{owner}/{repo}/contents/${encodePath(path)}`;
    const content = toBase64(file.data);
    const message = `Study Group evidence for #${issue.id}: ${file.fileName}`;
    const what = `committing ${file.fileName} to branch "${branch}"`;
    const put = await call(route, { ...where, message, content, branch }, putContentSchema, what);
    if (put.type === 'ok') return { type: 'ok', value: put.value.data.content.html_url ?? '' };
    // GitHub wants the current sha to replace a file: 409 or 422 without it.
    if (put.status !== 409 && put.status !== 422) return put;
    const current = await call(
      `GET /repos/{owner}/{repo}/contents/${encodePath(path)}`,
      { ...where, ref: branch },
      contentSchema,
      `reading ${file.fileName} on branch "${branch}"`,
    );
    // 409 with no file there: another commit moved the branch meanwhile; the same PUT may pass later.
    if (current.type === 'error' && current.status === 404 && put.status === 409) {
      return { ...put, retryable: true };
    }
    if (current.type === 'error') return current;
    if (current.value.data.sha === (await blobSha(file.data))) {
      return { type: 'ok', value: current.value.data.html_url ?? '' };
    }
    const replaced = await call(
      route,
      { ...where, message, content, branch, sha: current.value.data.sha },
      putContentSchema,
      what,
    );
    return replaced.type === 'ok'
      ? { type: 'ok', value: replaced.value.data.content.html_url ?? '' }
      : replaced;
  }

  /** Links the file from the issue body (its line under Evidence, else before the footer). */
  async function linkFromBody(
    issue: RemoteIssue,
    fileName: string,
    url: string,
  ): Promise<TrackerResult<null>> {
    const route = `/repos/{owner}/{repo}/issues/${encodeURIComponent(issue.id)}`;
    const read = await call(
      `GET ${route}`,
      where,
      issueBodySchema,
      `reading issue #${issue.id} of ${repoName}`,
    );
    if (read.type === 'error') return read;
    const body = read.value.data.body ?? '';
    if (body.includes(url)) return { type: 'ok', value: null };
    const listed = `- ${inlineCode(fileName)}`;
    const link = `- [${inlineCode(fileName)}](<${url}>)`;
    const lines = body.split('\n');
    const at = lines.indexOf(listed);
    const next =
      at >= 0
        ? [...lines.slice(0, at), link, ...lines.slice(at + 1)].join('\n')
        : beforeFooter(body, link);
    const updated = await call(
      `PATCH ${route}`,
      { ...where, body: next },
      issueSchema,
      `linking ${fileName} from issue #${issue.id} of ${repoName}`,
    );
    return updated.type === 'ok' ? { type: 'ok', value: null } : updated;
  }

  async function attach(
    issue: RemoteIssue,
    file: IssueAttachment,
  ): Promise<TrackerResult<AttachedFile>> {
    if (evidence.type !== 'branch') {
      return {
        type: 'error',
        retryable: false,
        status: null,
        message: `GitHub takes no attachments and this target keeps evidence locally: ${file.fileName} stays on this computer.`,
      };
    }
    const ready = await ensureBranch(evidence.branch);
    if (ready.type === 'error') return ready;
    const path = `${GITHUB_EVIDENCE_DIR}/issue-${issue.id}/${file.fileName}`;
    const committed = await commitFile(evidence.branch, path, issue, file);
    if (committed.type === 'error') return committed;
    const url =
      committed.value ||
      `${issue.url.replace(/\/issues\/[^/]+$/, '')}/blob/${encodePath(evidence.branch)}/${encodePath(path)}`;
    const linked = await linkFromBody(issue, file.fileName, url);
    if (linked.type === 'error') return linked;
    return { type: 'ok', value: { fileName: file.fileName, url } };
  }

  async function addComment(issue: RemoteIssue, body: string): Promise<TrackerResult<null>> {
    const done = await call(
      `POST /repos/{owner}/{repo}/issues/${encodeURIComponent(issue.id)}/comments`,
      { ...where, body },
      z.object({ id: z.number() }),
      `commenting on issue #${issue.id} of ${repoName}`,
    );
    return done.type === 'ok' ? { type: 'ok', value: null } : done;
  }

  return {
    type: 'github',
    attachesFiles: evidence.type === 'branch',
    testConnection,
    findByMarker,
    createIssue,
    attach,
    addComment,
  };
}
