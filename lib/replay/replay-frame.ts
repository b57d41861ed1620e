import { parseToReplayFrame, type FromReplayFrame } from './frame-protocol';
import type { RrwebEvent } from '../contracts';

/** One load's events, replaying in the frame. Times are session times (epoch ms). */
export interface ReplayPlayer {
  play(at: number): void;
  /** Pause, at `at` when given, else where it is. */
  pause(at?: number): void;
  /** The time shown now. */
  current(): number;
  configure(options: PlayerOptions): void;
  destroy(): void;
}

export interface PlayerOptions {
  speed: number;
  skipInactive: boolean;
}

export type MountPlayer = (
  target: HTMLElement,
  events: RrwebEvent[],
  options: PlayerOptions & { onFinish(): void },
) => ReplayPlayer;

/** How often a playing frame tells the page where it is. */
const TICK_MS = 100;

/**
 * The replay frame's side: plays what the review page (its parent) sends and
 * nothing else. It runs in an opaque origin without extension APIs (see
 * frame-source.ts), so a recording replayed here reaches neither the
 * extension's data nor its host access; its CSP lets it fetch nothing from
 * the network. The page decides what to load and when; the frame replays it
 * and reports the time.
 */
export function registerReplayFrame(
  win: Window & { ResizeObserver: typeof ResizeObserver },
  target: HTMLElement,
  mount: MountPlayer,
): void {
  let player: ReplayPlayer | null = null;
  let loadId = 0;
  let ticker: ReturnType<typeof setInterval> | null = null;
  // This data: document cannot name its parent's origin; it tells it nothing private.
  const post = (message: FromReplayFrame) => win.parent.postMessage(message, '*');
  const report = () => player && post({ type: 'time', id: loadId, at: player.current() });
  const stopTicking = () => {
    if (ticker !== null) clearInterval(ticker);
    ticker = null;
  };
  const startTicking = () => {
    stopTicking();
    ticker = setInterval(report, TICK_MS);
  };

  win.addEventListener('message', (event) => {
    if (event.source !== win.parent) return;
    const message = parseToReplayFrame(event.data);
    if (!message) return;
    try {
      if (message.type === 'load') {
        stopTicking();
        player?.destroy();
        player = null;
        target.replaceChildren();
        loadId = message.id;
        const id = message.id;
        player = mount(target, message.events, {
          speed: message.speed,
          skipInactive: message.skipInactive,
          onFinish() {
            if (id !== loadId || !player) return;
            stopTicking();
            post({ type: 'finish', id, at: player.current() });
          },
        });
        show(message.at, message.play);
      } else if (message.type === 'seek') {
        show(message.at, message.play);
      } else if (message.type === 'pause') {
        stopTicking();
        player?.pause();
        report();
      } else {
        player?.configure(message);
      }
    } catch (error) {
      // A broken recording (e.g. a Meta event without its data) fails here, not in the review page.
      stopTicking();
      player = null;
      target.replaceChildren();
      post({
        type: 'error',
        id: loadId,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  });

  function show(at: number, play: boolean) {
    if (!player) return;
    if (play) {
      player.play(at);
      startTicking();
    } else {
      stopTicking();
      player.pause(at);
    }
    report();
  }

  new win.ResizeObserver(() => post({ type: 'size', height: target.scrollHeight })).observe(target);
  post({ type: 'ready' });
}
