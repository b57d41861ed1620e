export {
  applySchema,
  createDb,
  DB_NAME,
  SCHEMA,
  sessionDataTables,
  type SchemaVersion,
  type StudyGroupDb,
} from './db';
export {
  gzip,
  gunzip,
  gzipJson,
  gunzipJson,
  gunzipLimited,
  DecompressedTooLargeError,
} from './compression';
export { isQuotaError } from './errors';
export { createChunk, emptySegment, withChunk, type ChunkInput } from './chunks';
export { deleteSession, listSegments, loadSegmentEvents, segmentChunkTexts } from './read';
export {
  findLastEndedSession,
  findOpenSession,
  listAnnotationsWithScreenshots,
  listSessionsNewestFirst,
  type AnnotationWithScreenshot,
} from './queries';
export {
  extractAssets,
  MIN_ASSET_CHARS,
  referencedAssets,
  restoreAssets,
  sha256Hex,
} from './assets';
export {
  DEDUPE_KEY_CHARS,
  endReasonSchema,
  httpUrlSchema,
  INGEST_ERROR_CHARS,
  MAX_EVENT_DEPTH,
  MAX_TIME,
  nestsDeeperThan,
  pageTimelineEntrySchema,
  pinnedElementSchema,
  rrwebEventSchema,
  timelineEntrySchema,
  timeSchema,
} from './record-schema';
export { listFindingOverrides, listFindingOverridesOf } from './overrides';
