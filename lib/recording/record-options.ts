import type { record } from '@rrweb/record';
import type { RecorderPrivacy } from '../messaging';
import type { RrwebEvent } from '../storage';

/**
 * rrweb options for a study session. Privacy is not configurable downwards:
 * every input value is masked and passwords always are; the user's selectors
 * only add to what is blocked or masked.
 */
export function buildRecordOptions(
  privacy: RecorderPrivacy,
  emit: (event: RrwebEvent) => void,
  /** rrweb's own exceptions: reported to the extension and swallowed (true), never thrown into the page. */
  errorHandler: (error: unknown) => boolean,
): NonNullable<Parameters<typeof record<RrwebEvent>>[0]> {
  return {
    emit,
    errorHandler,
    maskAllInputs: true,
    maskInputOptions: { password: true },
    blockClass: 'sg-block',
    blockSelector: privacy.blockSelector,
    maskTextClass: 'sg-mask',
    maskTextSelector: privacy.maskTextSelector,
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
    recordCanvas: false,
    collectFonts: false,
    inlineImages: false,
  };
}
