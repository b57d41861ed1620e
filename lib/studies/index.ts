export {
  KIT_EXTENSION,
  KIT_FORMAT,
  KIT_LIMITS,
  KIT_VERSION,
  kitFileSchema,
  kitSchema,
  validateKit,
  type KitFile,
  type KitResult,
} from './kit-schema';
export { createKit, DEFAULT_KIT_TITLE, DEFAULT_RULES, DEFAULT_TAGS } from './defaults';
export { kitFileName, parseKitFile, serializeKit, type ParseKitOptions } from './kit-file';
export {
  deleteStudy,
  getStudy,
  importKit,
  listStudies,
  saveStudy,
  type ImportKitResult,
} from './repository';
