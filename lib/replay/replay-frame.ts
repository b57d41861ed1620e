import { parseToReplayFrame, type FromReplayFrame } from './frame-protocol';
import type { RrwebEvent } from '../contracts';

export interface ReplayPlayer {
  /** Jump to this offset (ms from the first event), paused. */
  goto(offset: number): void;
  destroy(): void;
}

export type MountPlayer = (
  target: HTMLElement,
  events: RrwebEvent[],
  onFinish: () => void,
) => ReplayPlayer;

/**
 * The replay frame's side: plays what the review page (its parent) sends and
 * nothing else. It runs in an opaque origin without extension APIs (see
 * frame-source.ts), so a recording replayed here reaches neither the
 * extension's data nor its host access; its CSP lets it fetch nothing from
 * the network.
 */
export function registerReplayFrame(win: Window, target: HTMLElement, mount: MountPlayer): void {
  let player: ReplayPlayer | null = null;
  // This data: document cannot name its parent's origin; it tells it nothing private.
  const post = (message: FromReplayFrame) => win.parent.postMessage(message, '*');

  win.addEventListener('message', (event) => {
    if (event.source !== win.parent) return;
    const message = parseToReplayFrame(event.data);
    if (!message) return;
    try {
      if (message.type === 'load') {
        player?.destroy();
        player = null;
        target.replaceChildren();
        player = mount(target, message.events, () => post({ type: 'finish' }));
      } else {
        player?.goto(message.offset);
      }
    } catch (error) {
      // A broken recording (e.g. a Meta event without its data) fails here, not in the review page.
      player = null;
      target.replaceChildren();
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  });

  new ResizeObserver(() => post({ type: 'size', height: target.scrollHeight })).observe(target);
  post({ type: 'ready' });
}
