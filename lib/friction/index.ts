export type { DetectorInput, Detection, FrictionThresholds } from './types';
export { DEFAULT_THRESHOLDS } from './thresholds';
export {
  createFrictionDetector,
  type FrictionDetector,
  type PageState,
  type TabState,
} from './detector';
export {
  detectRecording,
  recordedSegments,
  type RecordedSegment,
  type RecordedSession,
} from './recording';
