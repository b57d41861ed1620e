import RrwebPlayer from 'rrweb-player';
import 'rrweb-player/dist/style.css';
import type { ReplayPlayer } from './replay-frame';
import type { RrwebEvent } from '../contracts';

/**
 * rrweb-player's controls are icon-only and its replay iframe untitled; name
 * them so screen-reader and keyboard users can operate the replay.
 */
function labelPlayerControls(root: HTMLElement) {
  const buttons = root.querySelectorAll<HTMLButtonElement>('.rr-controller__btns > button');
  buttons[0]?.setAttribute('aria-label', 'Play or pause');
  buttons[buttons.length - 1]?.setAttribute('aria-label', 'Full screen');
  root
    .querySelector('.rr-controller__btns input[type="checkbox"]')
    ?.setAttribute('aria-label', 'Skip inactive periods');
  root
    .querySelector('.replayer-wrapper iframe')
    ?.setAttribute('title', 'Replay of the recorded page');
}

/** Stock rrweb-player on one segment's events. */
export function mountRrwebPlayer(
  target: HTMLElement,
  events: RrwebEvent[],
  onFinish: () => void,
): ReplayPlayer {
  const instance = new RrwebPlayer({
    target,
    props: {
      events,
      width: Math.min(960, target.clientWidth || 960),
      height: 540,
      autoPlay: false,
      skipInactive: true,
    },
  });
  instance.addEventListener('finish', onFinish);
  labelPlayerControls(target);
  return {
    goto: (offset) => instance.goto(offset, false),
    destroy() {
      instance.pause();
      // The typings miss Svelte's component API.
      (instance as unknown as { $destroy(): void }).$destroy();
    },
  };
}
