import { describe, expect, it } from 'vitest';
import { parseFromReplayFrame, parseToReplayFrame } from '@/lib/replay';

describe('replay frame messages', () => {
  it('accepts the review page commands and nothing else', () => {
    expect(parseToReplayFrame({ type: 'load', events: [] })).toEqual({ type: 'load', events: [] });
    expect(parseToReplayFrame({ type: 'seek', offset: -5 })).toEqual({ type: 'seek', offset: 0 });
    for (const bad of [
      null,
      'load',
      { type: 'load' },
      { type: 'seek', offset: NaN },
      { type: 'eval' },
    ]) {
      expect(parseToReplayFrame(bad)).toBeNull();
    }
  });

  it('bounds what the frame can tell the page', () => {
    expect(parseFromReplayFrame({ type: 'ready', extra: 1 })).toEqual({ type: 'ready' });
    expect(parseFromReplayFrame({ type: 'size', height: 1e9 })).toEqual({
      type: 'size',
      height: 4_000,
    });
    expect(parseFromReplayFrame({ type: 'error', message: 'x'.repeat(1_000) })).toEqual({
      type: 'error',
      message: 'x'.repeat(300),
    });
    expect(parseFromReplayFrame({ type: 'size', height: 'tall' })).toBeNull();
    expect(parseFromReplayFrame({ type: 'navigate' })).toBeNull();
  });
});
