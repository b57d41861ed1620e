import type { PinnedElement } from '../types';

const TEXT_LIMIT = 120;
/** Attributes that name an element on purpose, most stable first. */
const NAMING_ATTRIBUTES = ['data-testid', 'data-test', 'data-qa', 'name', 'aria-label'] as const;
/** Ids that look generated (React useId, hashes) say nothing stable. */
const GENERATED_ID = /^(:r\w*:|[a-z]*[-_]?[0-9a-f]{6,}|\d+)$/i;

function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

function isUnique(doc: Document, selector: string): boolean {
  try {
    return doc.querySelectorAll(selector).length === 1;
  } catch {
    return false;
  }
}

function ownSelector(el: Element): string {
  const tag = el.tagName.toLowerCase();
  if (el.id && !GENERATED_ID.test(el.id)) return `#${CSS.escape(el.id)}`;
  for (const name of NAMING_ATTRIBUTES) {
    const value = el.getAttribute(name);
    if (value) return `${tag}[${name}="${cssEscape(value)}"]`;
  }
  const parent = el.parentElement;
  if (!parent) return tag;
  const sameTag = [...parent.children].filter((c) => c.tagName === el.tagName);
  return sameTag.length === 1 ? tag : `${tag}:nth-of-type(${sameTag.indexOf(el) + 1})`;
}

/**
 * A CSS selector that finds this element again in the recorded page: its own
 * stable id or naming attribute when unique, else the shortest unique path of
 * such steps from an ancestor that has one.
 */
export function stableSelector(el: Element): string {
  const doc = el.ownerDocument;
  const steps: string[] = [];
  for (
    let node: Element | null = el;
    node && node !== doc.documentElement;
    node = node.parentElement
  ) {
    steps.unshift(ownSelector(node));
    const selector = steps.join(' > ');
    if (isUnique(doc, selector)) return selector;
  }
  return steps.join(' > ');
}

export function describeElement(el: Element): PinnedElement {
  const box = el.getBoundingClientRect();
  const text = (
    el.getAttribute('aria-label') ||
    (el as HTMLElement).innerText ||
    el.textContent ||
    ''
  )
    .replace(/\s+/g, ' ')
    .trim();
  return {
    selector: stableSelector(el),
    rect: {
      x: Math.round(box.x),
      y: Math.round(box.y),
      width: Math.round(box.width),
      height: Math.round(box.height),
    },
    // Input values are never read: masked in the recording, left out here.
    text:
      el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
        ? ''
        : text.slice(0, TEXT_LIMIT),
  };
}
