export { adjustedWald, type Interval } from './interval';
export {
  BAD_DAY_DETECTORS,
  frictionKey,
  METRIC_DEFINITIONS,
  participantOf,
  studyMetrics,
  type BadDayDetector,
  type Count,
  type Rate,
  type SessionBadDay,
  type StudyMetrics,
  type TaskMetrics,
} from './study-metrics';
export { compareRounds, type Delta, type RoundComparison, type TaskDelta } from './compare-rounds';
export { groupStudies, QUICK_STUDY_KEY, type StudySummary } from './group-studies';
export { geometricMean, median } from './stats';
