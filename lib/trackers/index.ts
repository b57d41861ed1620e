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
export {
  createWebhookClient,
  webhookFindingEvent,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_MAX_INLINE_BYTES,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookAttachment,
  type WebhookCommentEvent,
  type WebhookEvent,
  type WebhookFindingEvent,
  type WebhookPingEvent,
  type WebhookTarget,
} from './webhook';
