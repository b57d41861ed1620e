import { matchesAny, type PagePrivacy } from './page-privacy';
import type { PinnedElement } from '../../contracts';

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
  return positionSelector(el);
}

function positionSelector(el: Element): string {
  const tag = el.tagName.toLowerCase();
  const parent = el.parentElement;
  if (!parent) return tag;
  const sameTag = [...parent.children].filter((c) => c.tagName === el.tagName);
  return sameTag.length === 1 ? tag : `${tag}:nth-of-type(${sameTag.indexOf(el) + 1})`;
}

/**
 * A CSS selector that finds this element again in the recorded page: its own
 * stable id or naming attribute when unique, else the shortest unique path of
 * such steps from an ancestor that has one. An `anonymous` element is named
 * by its position only: the recording holds none of its attributes.
 */
export function stableSelector(el: Element, { anonymous = false } = {}): string {
  const doc = el.ownerDocument;
  const steps: string[] = [];
  for (
    let node: Element | null = el;
    node && node !== doc.documentElement;
    node = node.parentElement
  ) {
    steps.unshift(anonymous && node === el ? positionSelector(node) : ownSelector(node));
    const selector = steps.join(' > ');
    if (isUnique(doc, selector)) return selector;
  }
  return steps.join(' > ');
}

/** The outermost blocked element around `el`: all the recording has of it. */
function blockedAround(el: Element, privacy: PagePrivacy): Element | null {
  let outer: Element | null = null;
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (matchesAny(node, privacy.block)) outer = node;
  }
  return outer;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const UNREAD = new Set(['script', 'style', 'template', 'noscript']);
/** Elements whose text reads as apart from its neighbours'. */
const SEPARATE = new Set(
  'address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul'.split(
    ' ',
  ),
);
/** A pinned <body> must not walk the whole page. */
const MAX_NODES = 2_000;

/**
 * The element's text as the recording shows it: no text of a field, an
 * editable area, a blocked or masked element inside it, nor of hidden parts.
 */
function readableText(root: Element, privacy: PagePrivacy): string {
  let text = '';
  let visited = 0;
  const stack: Node[] = [root];
  for (let node = stack.pop(); node && visited < MAX_NODES; node = stack.pop()) {
    visited += 1;
    if (node.nodeType === TEXT_NODE) {
      text += (node as Text).data;
      if (text.length > TEXT_LIMIT * 4) break;
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const el = node as Element;
    const tag = el.localName;
    if (el !== root) {
      if (UNREAD.has(tag) || el.hasAttribute('hidden') || matchesAny(el, privacy.hideText)) {
        continue;
      }
    }
    if (SEPARATE.has(tag)) text += ' ';
    const children = el.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return text;
}

/**
 * What a tag pinned to `el` stores. Nothing the recording hides is read: a
 * field, an editable area, a blocked or masked element (or one inside them)
 * has no text; a blocked one is pinned as the box the recording holds.
 */
export function describeElement(el: Element, privacy: PagePrivacy): PinnedElement {
  const blocked = blockedAround(el, privacy);
  const subject = blocked ?? el;
  const box = subject.getBoundingClientRect();
  const unread =
    blocked !== null ||
    el.ownerDocument.designMode === 'on' ||
    matchesAny(el, privacy.hideText, true);
  const text = unread ? '' : el.getAttribute('aria-label') || readableText(el, privacy);
  return {
    selector: stableSelector(subject, { anonymous: blocked !== null }),
    rect: {
      x: Math.round(box.x),
      y: Math.round(box.y),
      width: Math.round(box.width),
      height: Math.round(box.height),
    },
    text: text.replace(/\s+/g, ' ').trim().slice(0, TEXT_LIMIT),
  };
}
