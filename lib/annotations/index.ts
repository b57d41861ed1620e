export {
  MAX_NOTE_CHARS,
  parseAnnotationRequest,
  parseAnnotationUpdate,
  parseObservationRequest,
} from './annotation-schema';
export { capBoxes, clipBox, COVER_COLOR, MAX_COVER_BOXES, pixelBoxes } from './cover';
export {
  createAnnotationService,
  type AnnotationSender,
  type AnnotationService,
  type AnnotationServiceDeps,
} from './annotation-service';
export { QUICK_SESSION_TAGS, tagsOf } from './tags';
export { countByTag } from './counts';
export { ALL_ANNOTATIONS, matchesFilter, type AnnotationFilter } from './annotation-filter';
export { addAutoAnnotations } from './auto-annotations';
export { registerAnnotationService } from './register';
export { TAG_COMMAND, tagHotkey } from './hotkey';
