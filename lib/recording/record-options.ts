import type { record } from '@rrweb/record';
import type { IMirror } from '@rrweb/types';
import { recordedNodes, type TypedValueRedactor } from './typed-values';
import type { RecorderPrivacy, RrwebEvent } from '../contracts';

const TYPING_EVENTS = ['focusin', 'input', 'change'] as const;

/** How often rrweb takes a full snapshot of a page load still going on. */
export const CHECKOUT_EVERY_MS = 60_000;

/**
 * rrweb options for a study session. Privacy is not configurable downwards:
 * every input value is masked and passwords always are; the user's selectors
 * only add to what is blocked or masked. What was typed is masked wherever the
 * page shows it again, and documents in designMode (older rich-text editors in
 * iframes, which [contenteditable] does not match) are masked as a whole
 * (`typed` lives as long as the page).
 */
export function buildRecordOptions(
  privacy: RecorderPrivacy,
  emit: (event: RrwebEvent) => void,
  /** rrweb's own exceptions: reported to the extension and swallowed (true), never thrown into the page. */
  errorHandler: (error: unknown) => boolean,
  typed: TypedValueRedactor,
): NonNullable<Parameters<typeof record<RrwebEvent>>[0]> {
  let mirror: IMirror<Node> | null = null;
  const nodes = recordedNodes((id) => mirror?.getNode(id));
  return {
    emit(event) {
      let redacted: RrwebEvent;
      try {
        redacted = typed.redactEvent(event, nodes);
      } catch {
        // Never into the page, and never unmasked: the event is dropped.
        return;
      }
      emit(redacted);
    },
    errorHandler,
    maskAllInputs: true,
    maskInputOptions: { password: true },
    maskInputFn: typed.maskInput,
    blockClass: 'sg-block',
    blockSelector: privacy.blockSelector,
    maskTextClass: 'sg-mask',
    maskTextSelector: privacy.maskTextSelector,
    plugins: [
      {
        name: 'study-group/typing',
        // Installed by rrweb in the page and in every recorded iframe; sees each keystroke's value.
        observer(_emit, win) {
          const onEvent = (event: Event) => {
            try {
              const target = event.composedPath()[0] ?? event.target;
              typed.handleTyping({ type: event.type, isTrusted: event.isTrusted, target });
            } catch {
              // A page's odd element must not break its own typing.
            }
          };
          for (const type of TYPING_EVENTS) win.addEventListener(type, onEvent, true);
          return () => {
            for (const type of TYPING_EVENTS) win.removeEventListener(type, onEvent, true);
          };
        },
        getMirror({ nodeMirror }) {
          mirror = nodeMirror;
        },
        options: {},
      },
    ],
    // Enough to follow the pointer and scrolling in replay at a fraction of the events.
    sampling: { mousemove: 50, scroll: 150, media: 800, input: 'last' },
    slimDOMOptions: {
      script: true,
      comment: true,
      headFavicon: true,
      headWhitespace: true,
      headMetaSocial: true,
      headMetaRobots: true,
      headMetaHttpEquiv: true,
      headMetaVerification: true,
      headMetaAuthorship: true,
      headMetaDescKeywords: true,
    },
    // Seek points: the replay rebuilds a page from the last full snapshot
    // before the moment shown, so a long page load gets one every minute
    // (the cost per minute and the seek times are measured in scripts/bench/replay.mjs).
    checkoutEveryNms: CHECKOUT_EVERY_MS,
    recordCanvas: false,
    collectFonts: false,
    inlineImages: false,
  };
}
