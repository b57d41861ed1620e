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
  type RecorderState,
} from './page-recorder';
export {
  isolatedDom,
  openChannel,
  pageWorldDom,
  MAX_PAYLOAD_CHARS,
  type ChannelPort,
  type PageCommand,
} from './page-channel';
export { createRateLimiter, parseProbeDetail } from './probe-events';
export { buildRecordOptions } from './record-options';
export { installPageWorld } from './page-world';
export {
  SIGNAL,
  type ClickSignal,
  type PageSignal,
  type PerfSignal,
  type RequestSignal,
} from './page-signals';
