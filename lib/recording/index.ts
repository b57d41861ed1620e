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
  type RecorderContext,
  type RecorderState,
} from './page-recorder';
export {
  isolatedDom,
  openChannel,
  pageWorldDom,
  type ChannelDom,
  type ChannelPort,
} from './page-channel';
export { createRateLimiter, parseProbeDetail } from './probe-events';
export { buildRecordOptions } from './record-options';
export { installPageWorld } from './page-world';
export {
  CHOICE_MASK,
  createTypedValueRedactor,
  MIN_VALUE_CHARS,
  type TypedValueRedactor,
} from './typed-values';
export {
  SIGNAL,
  type ClickSignal,
  type PageSignal,
  type PerfSignal,
  type RequestSignal,
} from './page-signals';
