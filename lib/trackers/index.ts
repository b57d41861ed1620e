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
