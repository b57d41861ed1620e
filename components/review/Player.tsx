import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  parseFromReplayFrame,
  REPLAY_FRAME_PATH,
  replayFrameDataUrl,
  type ToReplayFrame,
} from '@/lib/replay';
import type { RrwebEvent } from '@/lib/contracts';

interface Props {
  events: RrwebEvent[];
  /** Jump to this offset (ms from the first event) when it changes. */
  seek?: { offset: number } | null;
  onFinish?: () => void;
}

const INITIAL_HEIGHT = 620;

async function loadFrameSource(): Promise<string> {
  const url = browser.runtime.getURL(REPLAY_FRAME_PATH);
  // Firefox is expected to refuse extension files (not web accessible) to a
  // data: document, which is not tried yet: there the frame is the extension
  // page itself, and only its CSP keeps the replay off the network.
  if (import.meta.env.FIREFOX) return url;
  const page = await fetch(url);
  return replayFrameDataUrl(await page.text(), new URL(browser.runtime.getURL('/')).origin);
}

/**
 * One segment's replay (give each segment its own key), in the replay frame: a recording is untrusted and
 * must not replay in this page's origin, which can read every session and
 * reach the product with the user's cookies.
 */
export function Player({ events, seek, onFinish }: Props) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [src, setSrc] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [height, setHeight] = useState(INITIAL_HEIGHT);
  const [error, setError] = useState<string | null>(null);
  const finish = useRef(onFinish);
  useEffect(() => {
    finish.current = onFinish;
  }, [onFinish]);

  useEffect(() => {
    let current = true;
    loadFrameSource().then(
      (url) => current && setSrc(url),
      (failure: unknown) => current && setError(String(failure)),
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (!frame.current || event.source !== frame.current.contentWindow) return;
      const message = parseFromReplayFrame(event.data);
      if (message?.type === 'ready') setReady(true);
      else if (message?.type === 'size' && message.height > 0) setHeight(message.height);
      else if (message?.type === 'finish') finish.current?.();
      else if (message?.type === 'error') setError(message.message);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  useEffect(() => {
    if (ready) post(frame.current, { type: 'load', events });
  }, [ready, events]);

  useEffect(() => {
    if (ready && seek) post(frame.current, { type: 'seek', offset: seek.offset });
  }, [ready, seek, events]);

  return (
    <div className="player" data-testid="player">
      {error && (
        <p role="alert" className="notice notice--error">
          This page cannot be replayed: {error}
        </p>
      )}
      {src && (
        <iframe
          ref={frame}
          className="player__frame"
          src={src}
          title="Replay"
          allow="fullscreen"
          style={{ height, display: error ? 'none' : undefined }}
        />
      )}
    </div>
  );
}

function post(target: HTMLIFrameElement | null, message: ToReplayFrame) {
  // The frame's origin is opaque, so no target origin can name it; only our own frame is addressed.
  target?.contentWindow?.postMessage(message, '*');
}
