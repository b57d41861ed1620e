import { useEffect, useRef } from 'react';
import RrwebPlayer from 'rrweb-player';
import 'rrweb-player/dist/style.css';
import type { RrwebEvent } from '@/lib/storage';

interface Props {
  events: RrwebEvent[];
  onFinish?: () => void;
}

/** Stock rrweb-player on one segment's events. */
export function Player({ events, onFinish }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const finish = useRef(onFinish);
  useEffect(() => {
    finish.current = onFinish;
  }, [onFinish]);

  useEffect(() => {
    const target = host.current;
    if (!target) return;
    const player = new RrwebPlayer({
      target,
      props: {
        events,
        width: Math.min(960, target.clientWidth || 960),
        height: 540,
        autoPlay: false,
        skipInactive: true,
      },
    });
    player.addEventListener('finish', () => finish.current?.());
    return () => {
      player.pause();
      // The typings miss Svelte's component API.
      (player as unknown as { $destroy(): void }).$destroy();
      target.replaceChildren();
    };
  }, [events]);

  return <div ref={host} className="player" data-testid="player" />;
}
