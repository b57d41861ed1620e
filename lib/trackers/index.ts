export {
  createRedmineClient,
  type RedmineClient,
  type RedmineConfig,
  type RedmineConnection,
  type RedmineIssueRef,
} from './redmine';
export {
  createTrackerClient,
  targetSecrets,
  TRACKER_NAMES,
  trackerHosts,
  type TrackerClientDeps,
} from './create-client';
export {
  redact,
  parseRetryAfter,
  type FetchLike,
  type TrackerError,
  type TrackerResult,
} from './http';
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
