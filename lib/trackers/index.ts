export {
  createRedmineClient,
  type RedmineClient,
  type RedmineConfig,
  type RedmineConnection,
  type RedmineIssueRef,
} from './redmine';
export { redact, parseRetryAfter, type FetchLike, type TrackerResult } from './http';
export { createJiraClient, jiraBasicCredential, jiraLabel, type JiraConfig } from './jira';
export {
  ensureJiraHeaderRule,
  JIRA_USER_AGENT,
  jiraHeaderRule,
  jiraRuleId,
  type DnrRule,
  type DnrSessionApi,
} from './jira-headers';
export { createLinearClient, linearIssueId, type LinearConfig } from './linear';
