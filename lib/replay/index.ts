export {
  parseFromReplayFrame,
  parseToReplayFrame,
  REPLAY_FRAME_PATH,
  type FromReplayFrame,
  type ToReplayFrame,
} from './frame-protocol';
export { registerReplayFrame, type MountPlayer, type ReplayPlayer } from './replay-frame';
export { replayFrameDataUrl } from './frame-source';
