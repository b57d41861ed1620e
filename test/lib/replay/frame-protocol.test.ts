import { describe, expect, it } from 'vitest';
import { parseFromReplayFrame, parseToReplayFrame } from '@/lib/replay';

const load = {
  type: 'load',
  id: 3,
  events: [],
  at: 1_000,
  play: true,
  speed: 2,
  skipInactive: true,
};

describe('replay frame messages', () => {
  it('accepts the review page commands and nothing else', () => {
    expect(parseToReplayFrame(load)).toEqual(load);
    expect(parseToReplayFrame({ type: 'seek', at: 5, play: false, extra: 1 })).toEqual({
      type: 'seek',
      at: 5,
      play: false,
    });
    expect(parseToReplayFrame({ type: 'pause' })).toEqual({ type: 'pause' });
    expect(parseToReplayFrame({ type: 'config', speed: 8, skipInactive: false })).toEqual({
      type: 'config',
      speed: 8,
      skipInactive: false,
    });
    for (const bad of [
      null,
      'load',
      { type: 'load' },
      { ...load, id: -1 },
      { ...load, id: 1.5 },
      { ...load, events: 'x' },
      { ...load, at: NaN },
      { ...load, speed: 3 },
      { ...load, play: 'yes' },
      { type: 'seek', at: Infinity, play: true },
      { type: 'seek', at: 1 },
      { type: 'config', speed: 16, skipInactive: true },
      { type: 'eval' },
    ]) {
      expect(parseToReplayFrame(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('bounds what the frame can tell the page', () => {
    expect(parseFromReplayFrame({ type: 'ready', extra: 1 })).toEqual({ type: 'ready' });
    expect(parseFromReplayFrame({ type: 'size', height: 1e9 })).toEqual({
      type: 'size',
      height: 4_000,
    });
    expect(parseFromReplayFrame({ type: 'time', id: 2, at: 10, x: 1 })).toEqual({
      type: 'time',
      id: 2,
      at: 10,
    });
    expect(parseFromReplayFrame({ type: 'finish', id: 2, at: 10 })).toEqual({
      type: 'finish',
      id: 2,
      at: 10,
    });
    expect(parseFromReplayFrame({ type: 'error', id: 1, message: 'x'.repeat(1_000) })).toEqual({
      type: 'error',
      id: 1,
      message: 'x'.repeat(300),
    });
    for (const bad of [
      { type: 'size', height: 'tall' },
      { type: 'time', id: 'a', at: 1 },
      { type: 'time', id: 1, at: NaN },
      { type: 'finish', id: 1 },
      { type: 'error', message: 'no id' },
      { type: 'navigate' },
    ]) {
      expect(parseFromReplayFrame(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});
