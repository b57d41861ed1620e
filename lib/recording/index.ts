export {
  createBatchQueue,
  type BatchQueue,
  type BatchQueueOptions,
  type Timers,
} from './batch-queue';
export {
  createPageRecorder,
  MARKER_ATTRIBUTE,
  type PageRecorder,
  type PageRecorderDeps,
} from './page-recorder';
export { createRateLimiter, parseProbeDetail, PROBE_EVENT } from './probe-events';
export { buildRecordOptions } from './record-options';
export { installProbe } from './probe';
