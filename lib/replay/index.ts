export {
  parseFromReplayFrame,
  parseToReplayFrame,
  REPLAY_FRAME_PATH,
  REPLAY_SPEEDS,
  type FromReplayFrame,
  type ToReplayFrame,
} from './frame-protocol';
export {
  registerReplayFrame,
  type MountPlayer,
  type PlayerOptions,
  type ReplayPlayer,
} from './replay-frame';
export { replayFrameDataUrl } from './frame-source';
export {
  buildPieces,
  chunkWindowAt,
  eventsFromSnapshot,
  keySeekTarget,
  pieceIndexAt,
  SEEK_PAGE_MS,
  SEEK_STEP_MS,
  type ChunkWindow,
  type TimelineChunk,
  type TimelinePiece,
  type TimelineSegment,
} from './timeline';
export {
  createTimelineController,
  type TimelineController,
  type TimelineControllerDeps,
  type TimelineState,
} from './timeline-controller';
