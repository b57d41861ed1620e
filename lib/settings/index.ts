export {
  BUILTIN_BLOCK_SELECTOR,
  BUILTIN_MASK_SELECTOR,
  DEFAULT_PRIVACY,
  findInvalidSelectors,
  parsePrivacySettings,
  privacySettingsSchema,
  toRecorderPrivacy,
  type PrivacySettings,
} from './privacy';
export { loadPrivacySettings, privacySettingsItem } from './items';
export {
  frictionThresholdsItem,
  frictionThresholdsSchema,
  loadFrictionThresholds,
  parseFrictionThresholds,
} from './friction';
export {
  loadTrackerTarget,
  loadTrackerTargets,
  MAX_TRACKER_TARGETS,
  parseTrackerTargets,
  trackerTargetSchema,
  trackerTargetsItem,
} from './trackers';
