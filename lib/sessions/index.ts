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
export { accessHost, accessPatterns, PORTS_IN_PATTERNS, toMatchPattern } from './origins';
export {
  BATCH_LIMITS,
  CLOCK_TOLERANCE_MS,
  parseBatchRequest,
  parsePagePayload,
} from './batch-schema';
export { INGEST_BUDGET, type IngestBudget } from './ingest-budget';
export { elapsedMs } from './elapsed';
export { currentTask, taskAwaitingEase, type TaskAwaitingEase } from '../contracts';
export { resolveTargetTab, type TabInfo, type TabQuery } from './target-tab';
