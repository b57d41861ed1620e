export {
  createSessionService,
  type MessageSenderInfo,
  type RecorderScripts,
  type RequestFailure,
  type SessionService,
  type SessionServiceDeps,
} from './session-service';
export { createChromeRecorderScripts } from './recorder-scripts';
export { registerSessionService } from './register';
export {
  accessHost,
  accessPatterns,
  normalizeOrigin,
  originOf,
  parseOriginList,
  PORTS_IN_PATTERNS,
  stripQuery,
  toMatchPattern,
} from './origins';
export { BATCH_LIMITS, parseBatchRequest, parsePagePayload } from './batch-schema';
export { elapsedMs } from './elapsed';
export { currentTask, timeOnTask } from './tasks';
export { resolveTargetTab, type TabInfo, type TabQuery } from './target-tab';
