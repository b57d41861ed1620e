export { CLIP_MARGIN_MS, clipChunkRange, clipEvents, clipWindow, piecesWithin } from './clip';
export {
  createOfflineReplay,
  mayNeedCleaning,
  offlineCsp,
  partsStream,
  type EventBatch,
  type OfflineClipInput,
  type OfflineReplayInput,
} from './document';
export { escapeHtml, inlineScriptText, jsonForScript, scriptHash } from './escape';
export { type OfflineManifest, type OfflineMarker } from './manifest';
export {
  createFindingClip,
  findingClipParts,
  loadPlayerScript,
  OFFLINE_PLAYER_PATH,
  offlineReplayFileName,
  sessionReplayParts,
  type OfflineReplayOptions,
} from './read';
export { createEventSanitizer, isScriptUrl } from './sanitize';
export {
  blobSink,
  isAbort,
  isBundleSessionStart,
  pickedFileSink,
  writeParts,
  type ExportProgress,
  type FileSink,
  type SaveFilePicker,
  type SaveFilePickerOptions,
} from './save';
export { OFFLINE_CSS } from './style';
