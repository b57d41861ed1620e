export {
  createRedmineClient,
  type RedmineClient,
  type RedmineConfig,
  type RedmineConnection,
  type RedmineIssueRef,
} from './redmine';
export { redact, parseRetryAfter, type FetchLike, type TrackerResult } from './http';
export { createGithubClient, type GithubTarget } from './github';
export { createGitlabClient, type GitlabTarget } from './gitlab';
