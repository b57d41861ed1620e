import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  parseFromReplayFrame,
  REPLAY_FRAME_PATH,
  replayFrameDataUrl,
  type ToReplayFrame,
} from '@/lib/replay';
import { useReviewStore } from './review-store';

const INITIAL_HEIGHT = 540;
/** Room the session's heading and the replay controls take below the frame, in px. */
const CONTROLS_ROOM = 240;
const MIN_WIDTH = 480;

/** The window's inner height, kept up to date. */
function useViewportHeight(): number {
  const [height, setHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const onResize = () => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}

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
 * The replay frame of the session open now, driven by its timeline (the
 * review store): a recording is untrusted and must not replay in this
 * page's origin, which can read every session and reach the product with
 * the user's cookies.
 */
export function Player() {
  const frame = useRef<HTMLIFrameElement>(null);
  const [src, setSrc] = useState<string | null>(null);
  const [height, setHeight] = useState(INITIAL_HEIGHT);
  /** The replayed page's height per pixel of width, once the frame has said its size. */
  const [ratio, setRatio] = useState<number | null>(null);
  const viewport = useViewportHeight();
  const [frameError, setFrameError] = useState<string | null>(null);
  const error = useReviewStore((s) => s.player?.error ?? null) ?? frameError;
  const loading = useReviewStore((s) => s.player?.loading ?? false);

  useEffect(() => {
    let current = true;
    loadFrameSource().then(
      (url) => current && setSrc(url),
      (failure: unknown) => current && setFrameError(String(failure)),
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    const { attachFrame, frameMessage } = useReviewStore.getState();
    const onMessage = (event: MessageEvent) => {
      if (!frame.current || event.source !== frame.current.contentWindow) return;
      const message = parseFromReplayFrame(event.data);
      if (message?.type === 'ready') attachFrame((m) => post(frame.current, m));
      else if (message?.type === 'size' && message.height > 0) {
        setHeight(message.height);
        const width = frame.current.clientWidth;
        if (width > 0) setRatio(message.height / width);
      }
      if (message) frameMessage(message);
    };
    window.addEventListener('message', onMessage);
    return () => {
      window.removeEventListener('message', onMessage);
      attachFrame(null);
    };
  }, []);

  return (
    // As wide as leaves the controls in view below the frame (a tall page is replayed narrower).
    <div
      className="player"
      data-testid="player"
      aria-busy={loading}
      style={{
        maxWidth: ratio ? Math.max(MIN_WIDTH, (viewport - CONTROLS_ROOM) / ratio) : undefined,
      }}
    >
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
          style={{ height, display: error ? 'none' : undefined }}
        />
      )}
      {src && !error && (
        // A replay is watched, not used: a click on it plays or pauses, as on a video, and
        // keeps the keyboard in this page (N, arrow keys) instead of the frame. The
        // timeline's Play button and Space do the same from the keyboard.
        <div
          className="player__surface"
          data-testid="replay-surface"
          aria-hidden="true"
          onClick={() => useReviewStore.getState().togglePlay()}
        />
      )}
    </div>
  );
}

function post(target: HTMLIFrameElement | null, message: ToReplayFrame) {
  // The frame's origin is opaque, so no target origin can name it; only our own frame is addressed.
  target?.contentWindow?.postMessage(message, '*');
}
