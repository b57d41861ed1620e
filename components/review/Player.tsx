import { useEffect, useRef } from 'react';
import RrwebPlayer from 'rrweb-player';
import 'rrweb-player/dist/style.css';
import type { RrwebEvent } from '@/lib/storage';

interface Props {
  events: RrwebEvent[];
  /** Jump to this offset (ms from the first event) when it changes. */
  seek?: { offset: number } | null;
  onFinish?: () => void;
}

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
export function Player({ events, seek, onFinish }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const player = useRef<RrwebPlayer | null>(null);
  const finish = useRef(onFinish);
  useEffect(() => {
    finish.current = onFinish;
  }, [onFinish]);

  useEffect(() => {
    const target = host.current;
    if (!target) return;
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
    instance.addEventListener('finish', () => finish.current?.());
    labelPlayerControls(target);
    player.current = instance;
    return () => {
      player.current = null;
      instance.pause();
      // The typings miss Svelte's component API.
      (instance as unknown as { $destroy(): void }).$destroy();
      target.replaceChildren();
    };
  }, [events]);

  useEffect(() => {
    if (seek) player.current?.goto(seek.offset, false);
  }, [seek, events]);

  return <div ref={host} className="player" data-testid="player" />;
}
