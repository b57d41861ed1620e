import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { tagHotkey } from '@/lib/annotations';
import { createOverlay } from '@/lib/annotations/overlay';
import overlayCss from '@/lib/annotations/overlay/overlay.css?inline';
import type { OverlayState, StudyKit } from '@/lib/contracts';
import { ConsentStep } from '@/components/popup/ConsentStep';
import { usePopupStore } from '@/components/popup/popup-store';
import { isPreviewMessage, type PreviewMessage } from './preview-kit';
import '@/components/popup/popup.css';
import './preview-frame.css';

const NOTHING_SAVED = 'This is a preview: nothing is recorded or saved.';

/** The kit the options page sent; null until it has. Only our own parent page is listened to. */
function usePreviewMessage(): PreviewMessage | null {
  const [message, setMessage] = useState<PreviewMessage | null>(null);
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== location.origin || event.source !== window.parent) return;
      if (isPreviewMessage(event.data)) setMessage(event.data);
    };
    window.addEventListener('message', onMessage);
    window.parent.postMessage({ type: 'sg-kit-preview-ready' }, location.origin);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  return message;
}

/**
 * One preview frame of the options page: `#consent` is the popup's consent
 * screen (its own component and CSS, at the popup's size); `#panel` is the
 * in-page overlay (its own code and CSS) over a stand-in for the product.
 */
export function PreviewFrameApp() {
  const message = usePreviewMessage();
  if (!message) return null;
  return location.hash === '#panel' ? (
    <PanelPreview kit={message.kit} taskIndex={message.taskIndex} />
  ) : (
    <ConsentPreview kit={message.kit} />
  );
}

function ConsentPreview({ kit }: { kit: StudyKit }) {
  useEffect(() => {
    usePopupStore.setState({
      ready: true,
      studies: [kit],
      studyId: kit.id,
      step: 'consent',
      // A tab, so Start looks as it will; submitting is stopped below.
      tab: { id: -1, origin: kit.origins[0] ?? null },
    });
  }, [kit]);
  return (
    // Start and Back do nothing here: the popup's own handlers never see the event.
    <main
      className="popup"
      onSubmitCapture={(e) => {
        e.preventDefault();
        e.stopPropagation();
      }}
      onClickCapture={(e) => {
        if (e.target instanceof HTMLButtonElement && e.target.type === 'button') {
          e.stopPropagation();
        }
      }}
    >
      <header className="popup__header">
        <h1>Study Group</h1>
        <nav aria-label="Pages" className="popup__nav">
          <span className="link">Studies &amp; settings</span>
          <span className="link">Review sessions</span>
        </nav>
      </header>
      <ConsentStep />
    </main>
  );
}

function PanelPreview({ kit, taskIndex }: { kit: StudyKit; taskIndex: number }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const state = useRef<OverlayState | null>(null);
  const overlay = useRef<ReturnType<typeof createOverlay> | null>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = `:host{all:initial !important;}\n${overlayCss}`;
    const container = document.createElement('div');
    shadow.replaceChildren(style, container);
    const ui = createOverlay({
      container,
      host,
      win: window,
      now: () => Date.now(),
      context: () => ({
        sessionId: 'preview',
        segmentId: null,
        privacy: { blockSelector: '.sg-block', maskTextSelector: '.sg-mask' },
      }),
      loadState: async () => state.current,
      save: async () => ({ type: 'error', message: NOTHING_SAVED }),
      finishTask: async () => ({ type: 'error', message: NOTHING_SAVED }),
      rateTask: async () => ({ type: 'error', message: NOTHING_SAVED }),
      undoTask: async () => ({ type: 'error', message: NOTHING_SAVED }),
      // The preview's panel stays where the kit's participants will first see it.
      loadDock: async () => null,
      saveDock: () => {},
    });
    overlay.current = ui;
    return () => {
      ui.destroy();
      overlay.current = null;
    };
  }, []);

  useEffect(() => {
    let live = true;
    void tagHotkey(browser.commands).then((hotkey) => {
      if (!live) return;
      const task = kit.tasks[taskIndex];
      state.current = {
        sessionId: 'preview',
        tags: kit.tags,
        counts: {},
        task: task ? { ...task, index: taskIndex, total: kit.tasks.length } : null,
        hotkey,
        status: 'recording',
        elapsedMs: 0,
        timeBoxMs: kit.timeBoxMinutes === null ? null : kit.timeBoxMinutes * 60_000,
      };
      void overlay.current?.refresh();
    });
    return () => {
      live = false;
    };
  }, [kit, taskIndex]);

  const site = kit.origins[0] ? new URL(kit.origins[0]).host : 'your product';
  return (
    <div className="panel-preview">
      <p className="panel-preview__page">
        A page of {site}: the panel and the badge sit over it like this while a session records.
      </p>
      <div ref={hostRef} />
    </div>
  );
}
