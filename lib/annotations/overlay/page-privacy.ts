import type { RecorderPrivacy } from '../../contracts';

/** Blocked whatever the settings: rrweb's block class, also on the overlay's own host. */
const BLOCK_CLASS = '.sg-block';
/** Masked whatever the settings (as the recorder does). */
const MASK_CLASS = '.sg-mask';
const EDITABLE = '[contenteditable]:not([contenteditable="false"])';
/** Where the participant types or chooses: its text is never read. */
const FIELDS = `input, textarea, select, ${EDITABLE}`;
/** Fields on screen whose look gives away what was typed or chosen (buttons show the page's own labels). */
const TYPED_FIELDS = `input:not([type="button" i], [type="submit" i], [type="reset" i], [type="image" i], [type="hidden" i]), textarea, select, ${EDITABLE}`;

/**
 * The session's privacy selectors, as the overlay applies them to what it
 * reads (a pinned element's text) and shows (a tag's screenshot). The user's
 * and the kit's selectors come from the recorder's hello answer; the built-in
 * ones are repeated here so that an empty or broken setting never opens them.
 */
export interface PagePrivacy {
  /** Elements the recording holds as empty boxes. */
  block: string[];
  /** Blocked or masked: not even their attributes' text is read (fields are not among them). */
  masked: string[];
  /** Elements whose text the overlay never reads. */
  hideText: string[];
  /** Elements painted over in screenshots. */
  cover: string[];
}

export function pagePrivacy(privacy: RecorderPrivacy): PagePrivacy {
  const user = [privacy.blockSelector, privacy.maskTextSelector].filter((s) => s.trim() !== '');
  const block = [BLOCK_CLASS, privacy.blockSelector].filter((s) => s.trim() !== '');
  return {
    block,
    masked: [BLOCK_CLASS, MASK_CLASS, ...user],
    hideText: [BLOCK_CLASS, MASK_CLASS, FIELDS, ...user],
    cover: [BLOCK_CLASS, MASK_CLASS, TYPED_FIELDS, ...user],
  };
}

/**
 * Whether `el` (or, with `ancestors`, any element around it) matches one of
 * the selectors. A selector the browser refuses counts as a match: privacy
 * fails closed.
 */
export function matchesAny(el: Element, selectors: string[], ancestors = false): boolean {
  return selectors.some((selector) => {
    try {
      return ancestors ? el.closest(selector) !== null : el.matches(selector);
    } catch {
      return true;
    }
  });
}
