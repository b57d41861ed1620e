export { CLUSTER_RULES_VERSION, clusterFindings, findingIdOf, type ClusterInput } from './cluster';
export { elementKey, elementName } from './element-key';
export { fingerprint, kindOf } from './fingerprint';
export { normalizeMessage, normalizePath } from './normalize';
export { PRIORITY_RULE, priorityOf } from './priority';
export { studyKey, studyRefOf } from './study';
export {
  findingOverrideRecordSchema,
  findingOverrideSchema,
  studyKeySchema,
} from './override-schema';
export {
  createOverrideService,
  type OverrideResult,
  type OverrideService,
  type OverrideServiceDeps,
  type UndoResult,
} from './override-service';
export { registerFindings } from './register';
