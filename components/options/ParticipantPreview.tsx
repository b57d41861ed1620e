import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import type { StudyKit } from '@/lib/contracts';
import type { PreviewMessage } from './preview-kit';

const FRAME_URL = browser.runtime.getURL('/kit-preview.html');

/**
 * The consent screen and the task panel as a participant will see them, each
 * drawn by its own code (the popup's ConsentStep, the page overlay) in a frame
 * of its real size, fed the kit as it is in the form now.
 */
export function ParticipantPreview({ kit }: { kit: StudyKit }) {
  const consent = useRef<HTMLIFrameElement>(null);
  const panel = useRef<HTMLIFrameElement>(null);
  const [taskIndex, setTaskIndex] = useState(0);
  const shown = Math.min(taskIndex, Math.max(0, kit.tasks.length - 1));

  useEffect(() => {
    const message: PreviewMessage = { type: 'sg-kit-preview', kit, taskIndex: shown };
    const send = () => {
      for (const frame of [consent.current, panel.current])
        frame?.contentWindow?.postMessage(message, location.origin);
    };
    send();
    // A frame that (re)loads asks for the kit.
    const onReady = (event: MessageEvent) => {
      if (event.origin === location.origin && event.data?.type === 'sg-kit-preview-ready') send();
    };
    window.addEventListener('message', onReady);
    return () => window.removeEventListener('message', onReady);
  }, [kit, shown]);

  return (
    <div className="preview">
      <figure className="preview__figure">
        <figcaption>
          <strong>1. The popup</strong>: the consent screen, at the popup’s real size (340 × 600).
        </figcaption>
        <iframe
          ref={consent}
          className="preview__popup"
          title="Preview: the consent screen in the popup"
          src={`${FRAME_URL}#consent`}
          width={340}
          height={600}
        />
      </figure>
      <figure className="preview__figure preview__figure--grow">
        <figcaption>
          <strong>2. On the product’s pages</strong>: the task panel and the tag badge, over a
          stand-in for the product.
        </figcaption>
        {kit.tasks.length > 1 && (
          <div role="group" aria-label="Task shown in the panel" className="preview__tasks">
            {kit.tasks.map((task, i) => (
              <button
                key={task.id}
                type="button"
                className="button button--small"
                aria-pressed={i === shown}
                onClick={() => setTaskIndex(i)}
              >
                Task {i + 1}
              </button>
            ))}
          </div>
        )}
        <iframe
          ref={panel}
          className="preview__page"
          title="Preview: the task panel on a page of the product"
          src={`${FRAME_URL}#panel`}
          height={600}
        />
      </figure>
      <p className="hint preview__note">
        In the preview nothing is recorded: Start, Done, Give up and tagging do nothing. The panel
        sits over a blank stand-in page rather than the product.
      </p>
    </div>
  );
}
