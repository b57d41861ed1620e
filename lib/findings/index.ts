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
