import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerReplayFrame, type MountPlayer, type ReplayPlayer } from '@/lib/replay';
import type { RrwebEvent } from '@/lib/contracts';

/** A frame window whose parent is a stand-in that records what the frame posts to it. */
function frameWindow() {
  const posted: unknown[] = [];
  const parent = { postMessage: (message: unknown) => posted.push(message) };
  const listeners: ((event: MessageEvent) => void)[] = [];
  const win = {
    parent,
    ResizeObserver: class {
      observe() {}
    },
    addEventListener: (_type: string, listener: (event: MessageEvent) => void) =>
      listeners.push(listener),
  } as unknown as Window & { ResizeObserver: typeof ResizeObserver };
  const send = (data: unknown, source: unknown = parent) => {
    for (const listener of listeners) listener({ data, source } as MessageEvent);
  };
  return { win, posted, send };
}

function fakeMount() {
  const calls: string[] = [];
  let time = 0;
  let finish: () => void = () => undefined;
  const mount: MountPlayer = (_target, events, options) => {
    calls.push(`mount ${events.length} ${options.speed}`);
    finish = options.onFinish;
    const player: ReplayPlayer = {
      play: (at) => {
        time = at;
        calls.push(`play ${at}`);
      },
      pause: (at) => {
        if (at !== undefined) time = at;
        calls.push(`pause ${at ?? ''}`.trim());
      },
      current: () => time,
      configure: (o) => calls.push(`config ${o.speed} ${o.skipInactive}`),
      destroy: () => calls.push('destroy'),
    };
    return player;
  };
  return { mount, calls, finish: () => finish() };
}

const load = (id: number, play = false) => ({
  type: 'load',
  id,
  events: [{ type: 4, timestamp: 0 }] as unknown as RrwebEvent[],
  at: 500,
  play,
  speed: 2,
  skipInactive: true,
});

const target = () => ({ replaceChildren() {}, scrollHeight: 300 }) as unknown as HTMLElement;

afterEach(() => {
  vi.useRealTimers();
});

describe('the replay frame', () => {
  it('takes commands from its parent only, and reports where it is with the load’s number', () => {
    vi.useFakeTimers();
    const { win, posted, send } = frameWindow();
    const player = fakeMount();
    registerReplayFrame(win, target(), player.mount);
    expect(posted).toContainEqual({ type: 'ready' });

    send(load(1), { postMessage() {} });
    send({ type: 'eval', code: 'x' });
    expect(player.calls).toEqual([]);

    send(load(1));
    expect(player.calls).toEqual(['mount 1 2', 'pause 500']);
    expect(posted).toContainEqual({ type: 'time', id: 1, at: 500 });

    send({ type: 'seek', at: 700, play: true });
    vi.advanceTimersByTime(250);
    expect(posted.filter((m) => (m as { type: string }).type === 'time').length).toBeGreaterThan(2);
    player.finish();
    expect(posted.at(-1)).toEqual({ type: 'finish', id: 1, at: 700 });

    send(load(2, true));
    expect(player.calls.slice(-3)).toEqual(['destroy', 'mount 1 2', 'play 500']);
    send({ type: 'config', speed: 8, skipInactive: false });
    expect(player.calls.at(-1)).toBe('config 8 false');
  });

  it('reports a recording it cannot replay instead of throwing', () => {
    const { win, posted, send } = frameWindow();
    registerReplayFrame(win, target(), () => {
      throw new Error('Meta without data');
    });
    send(load(4));
    expect(posted.at(-1)).toEqual({ type: 'error', id: 4, message: 'Meta without data' });
  });
});
