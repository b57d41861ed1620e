export {
  KIT_EXTENSION,
  KIT_FORMAT,
  KIT_LIMITS,
  KIT_VERSION,
  isReadyKit,
  kitFileSchema,
  kitSchema,
  validateKit,
  type KitFile,
  type KitResult,
} from './kit-schema';
export { easeSchema, taskProgressSchema } from './task-schema';
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
export {
  addRule,
  addTag,
  addTask,
  canAddTag,
  chooseScheme,
  draftToKit,
  kitToDraft,
  moveTask,
  removeRule,
  removeTag,
  removeTask,
  schemeChoices,
  TAG_KEYS,
  textColorOn,
  updateRule,
  updateTag,
  updateTask,
  type DraftResult,
  type FieldError,
  type KitDraft,
  type KitStatus,
  type RuleDraft,
} from './kit-draft';
