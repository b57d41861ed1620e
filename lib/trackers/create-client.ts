import type {
  ConnectionCheck,
  ConnectionReport,
  TrackerClient,
  TrackerResult,
  TrackerTarget,
  TrackerType,
} from '../contracts';
import type { FetchLike, TrackerError } from './http';
import { createRedmineClient } from './redmine';

export interface TrackerClientDeps {
  fetch: FetchLike;
  now: () => number;
}

/** The one way to get a client for a configured target (background only: it holds the secret). */
export function createTrackerClient(target: TrackerTarget, deps: TrackerClientDeps): TrackerClient {
  switch (target.type) {
    case 'github':
      return unavailableClient('github');
    case 'jira':
      return unavailableClient('jira');
    case 'linear':
      return unavailableClient('linear');
    case 'gitlab':
      return unavailableClient('gitlab');
    case 'redmine':
      return redmineTrackerClient(target, deps);
    case 'webhook':
      return unavailableClient('webhook');
  }
}

/** Every secret a target holds, for redacting anything that might carry one. */
export function targetSecrets(target: TrackerTarget): string[] {
  switch (target.type) {
    case 'github':
      return [target.token];
    case 'jira':
      return [target.apiToken];
    case 'linear':
      return [target.apiKey];
    case 'gitlab':
      return [target.token];
    case 'redmine':
      return [target.apiKey];
    case 'webhook':
      return [target.secret];
  }
}

/** The URL whose host the target's requests go to. */
function targetUrl(target: TrackerTarget): string {
  switch (target.type) {
    case 'github':
    case 'linear':
      return target.apiUrl;
    case 'jira':
    case 'gitlab':
    case 'redmine':
      return target.baseUrl;
    case 'webhook':
      return target.url;
  }
}

/**
 * The host permission (match patterns) the target's requests need. Chrome
 * matches ports in patterns; Firefox rejects them, so it gets the host on
 * every port (as lib/sessions does for recorded origins).
 */
export function trackerHosts(
  target: TrackerTarget,
  withPort: boolean = !import.meta.env.FIREFOX,
): string[] {
  const url = new URL(targetUrl(target));
  return [`${url.protocol}//${withPort ? url.host : url.hostname}/*`];
}

export const TRACKER_NAMES: Record<TrackerType, string> = {
  github: 'GitHub',
  jira: 'Jira',
  linear: 'Linear',
  gitlab: 'GitLab',
  redmine: 'Redmine',
  webhook: 'Webhook',
};

/** A tracker this build cannot talk to: every call says so, and no retry will help. */
function unavailableClient(type: TrackerType): TrackerClient {
  const error: TrackerError = {
    type: 'error',
    retryable: false,
    status: null,
    message: `${TRACKER_NAMES[type]} export is not available in this build.`,
  };
  const fail = async () => error;
  return {
    type,
    attachesFiles: false,
    testConnection: fail,
    findByMarker: fail,
    createIssue: fail,
    attach: fail,
    addComment: fail,
  };
}

const CHECK_LABELS = [
  'Signed in',
  'Project found',
  'May create issues',
  'May upload attachments',
] as const;

/**
 * A refused key or missing project is a finding of the test, not a failure
 * of it: it becomes a failed check. Network trouble and 5xx stay errors (the
 * test itself could not run).
 */
function failedReport(error: TrackerError): TrackerResult<ConnectionReport> {
  if (error.retryable) return error;
  const failedAt = error.status === 404 ? 1 : 0;
  const checks: ConnectionCheck[] = CHECK_LABELS.map((label, index) => ({
    label,
    ok: index < failedAt,
    detail:
      index < failedAt
        ? 'Yes.'
        : index === failedAt
          ? error.message
          : 'Not checked: fix the problem above first.',
  }));
  return { type: 'ok', value: { checks } };
}

/** lib/trackers/redmine.ts behind the one interface. */
function redmineTrackerClient(
  target: Extract<TrackerTarget, { type: 'redmine' }>,
  deps: TrackerClientDeps,
): TrackerClient {
  const redmine = createRedmineClient(
    { baseUrl: target.baseUrl, apiKey: target.apiKey, project: target.project },
    deps.fetch,
    deps.now,
  );
  const issueId = (id: string) => Number(id);
  return {
    type: 'redmine',
    attachesFiles: true,
    async testConnection() {
      const result = await redmine.testConnection();
      if (result.type === 'error') return failedReport(result);
      const { user, project, canCreateIssues, problems } = result.value;
      const problemText = problems.join(' ');
      return {
        type: 'ok',
        value: {
          checks: [
            { label: 'Signed in', ok: true, detail: `As ${user}.` },
            {
              label: 'Project found',
              ok: true,
              detail: `${project.name} (${project.identifier}).`,
            },
            {
              label: 'May create issues',
              ok: canCreateIssues,
              detail: canCreateIssues ? 'Yes.' : problemText,
            },
            {
              // Redmine lets whoever may add an issue upload its files.
              label: 'May upload attachments',
              ok: canCreateIssues,
              detail: canCreateIssues ? 'Yes, with the issues.' : problemText,
            },
          ],
        },
      };
    },
    async findByMarker(marker) {
      const result = await redmine.findByMarker(marker);
      if (result.type === 'error') return result;
      const hit = result.value;
      return { type: 'ok', value: hit ? { id: String(hit.id), url: hit.url } : null };
    },
    async createIssue(draft) {
      // Files go one by one through attach, each step recorded by the pipeline.
      const result = await redmine.createIssue({ ...draft, attachments: [] });
      if (result.type === 'error') return result;
      return { type: 'ok', value: { id: String(result.value.id), url: result.value.url } };
    },
    async attach(issue, file) {
      const result = await redmine.attach(issueId(issue.id), file);
      if (result.type === 'error') return result;
      return { type: 'ok', value: { fileName: result.value.fileName, url: result.value.url } };
    },
    async addComment(issue, body) {
      const result = await redmine.addComment(issueId(issue.id), body);
      return result.type === 'error' ? result : { type: 'ok', value: null };
    },
  };
}
