import { Replayer } from '@rrweb/replay';
import '@rrweb/replay/dist/style.css';
import type { MountPlayer } from './replay-frame';

/**
 * rrweb's Replayer on one load's events, scaled to the frame's width. Its
 * iframe is sandboxed without scripts: nothing of the recorded page runs.
 */
export const mountReplayer: MountPlayer = (target, events, { speed, skipInactive, onFinish }) => {
  const replayer = new Replayer(events, {
    root: target,
    speed,
    skipInactive,
    mouseTail: false,
    showWarning: false,
    triggerFocus: false,
  });
  const start = replayer.getMetaData().startTime;
  replayer.iframe.title = 'Replay of the recorded page';
  let recorded = { width: Number(replayer.iframe.width), height: Number(replayer.iframe.height) };
  let fittedWidth = -1;
  const fit = (size: { width: number; height: number }) => {
    if (!(size.width > 0 && size.height > 0)) return;
    recorded = size;
    fittedWidth = target.clientWidth;
    const scale = Math.min(1, target.clientWidth / size.width);
    replayer.wrapper.style.transformOrigin = '0 0';
    replayer.wrapper.style.transform = `scale(${scale})`;
    target.style.height = `${Math.ceil(size.height * scale)}px`;
  };
  replayer.on('resize', (size) => fit(size as { width: number; height: number }));
  replayer.on('finish', onFinish);
  fit(recorded);
  // The review page narrows the frame to keep its controls in view: fit again on a new width.
  const resized = new ResizeObserver(() => {
    if (target.clientWidth !== fittedWidth) fit(recorded);
  });
  resized.observe(target);
  return {
    play: (at) => replayer.play(Math.max(0, at - start)),
    pause: (at) => (at === undefined ? replayer.pause() : replayer.pause(Math.max(0, at - start))),
    current: () => start + replayer.getCurrentTime(),
    configure: (options) => replayer.setConfig(options),
    destroy: () => {
      resized.disconnect();
      replayer.destroy();
    },
  };
};
