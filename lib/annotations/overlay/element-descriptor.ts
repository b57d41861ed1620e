import { matchesAny, type PagePrivacy } from './page-privacy';
import {
  BUTTON_INPUT_TYPES,
  IDENTITY_LIMITS,
  identityPath,
  identityText,
  isField,
  isGeneratedId,
  isInteractive,
  isPathTag,
  roleOf,
  ROLES_NAMED_BY_CONTENT,
  testIdOf,
  type AttributeReader,
  type ElementIdentity,
  type PinnedElement,
} from '../../contracts';

const TEXT_LIMIT = 120;
/** Attributes that name an element on purpose, most stable first. */
const NAMING_ATTRIBUTES = ['data-testid', 'data-test', 'data-qa', 'name', 'for'] as const;
/** Attributes that name it in words: never read from a blocked or masked element. */
const WORDING_ATTRIBUTES = ['aria-label', 'title', 'alt', 'placeholder'] as const;
/** Long or parameterised links are positions in disguise (and may carry tokens). */
const HREF_LIMIT = 200;

function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

function count(root: ParentNode, selector: string): number {
  try {
    return root.querySelectorAll(selector).length;
  } catch {
    return 0;
  }
}

const isUnique = (doc: Document, selector: string) => count(doc, selector) === 1;

/** Selectors that name `el` by what it is, most stable first. */
function namingSelectors(el: Element, masked: boolean): string[] {
  const tag = el.tagName.toLowerCase();
  const out: string[] = [];
  if (el.id && !isGeneratedId(el.id)) out.push(`#${CSS.escape(el.id)}`);
  const names = masked ? NAMING_ATTRIBUTES : [...NAMING_ATTRIBUTES, ...WORDING_ATTRIBUTES];
  for (const name of names) {
    const value = el.getAttribute(name);
    if (value) out.push(`${tag}[${name}="${cssEscape(value)}"]`);
  }
  const href = tag === 'a' ? el.getAttribute('href') : null;
  if (href && !href.includes('?') && href.length <= HREF_LIMIT) {
    out.push(`a[href="${cssEscape(href)}"]`);
  }
  const role = el.getAttribute('role');
  if (role) out.push(`${tag}[role="${cssEscape(role)}"]`);
  const type = el.getAttribute('type');
  if (type && (tag === 'input' || tag === 'button')) out.push(`${tag}[type="${cssEscape(type)}"]`);
  return out;
}

/**
 * One step of the path: a naming selector unique in the document (the walk
 * can stop there), else one unique among the siblings, else the position.
 */
function ownSelector(el: Element, masked: boolean): string {
  const candidates = namingSelectors(el, masked);
  const doc = el.ownerDocument;
  const global = candidates.find((c) => isUnique(doc, c));
  if (global) return global;
  const parent = el.parentElement;
  const local = parent && candidates.find((c) => count(parent, `:scope > ${c}`) === 1);
  return local || positionSelector(el);
}

function positionSelector(el: Element): string {
  const tag = el.tagName.toLowerCase();
  const parent = el.parentElement;
  if (!parent) return tag;
  const sameTag = [...parent.children].filter((c) => c.tagName === el.tagName);
  return sameTag.length === 1 ? tag : `${tag}:nth-of-type(${sameTag.indexOf(el) + 1})`;
}

/**
 * A CSS selector that finds this element again in the recorded page: what
 * names it (a stable id, test id, name, label, link, role) when unique, else
 * the shortest unique path of such steps, positions only where nothing names
 * a step. An `anonymous` element is named by its position only: the recording
 * holds none of its attributes. With `privacy`, blocked and masked elements
 * are not named by their wording (aria-label, title, alt, placeholder).
 */
export function stableSelector(
  el: Element,
  { anonymous = false, privacy }: { anonymous?: boolean; privacy?: PagePrivacy } = {},
): string {
  const doc = el.ownerDocument;
  const steps: string[] = [];
  for (
    let node: Element | null = el;
    node && node !== doc.documentElement;
    node = node.parentElement
  ) {
    const masked = privacy ? matchesAny(node, privacy.masked, true) : false;
    steps.unshift(anonymous && node === el ? positionSelector(node) : ownSelector(node, masked));
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

const EDITABLE = '[contenteditable]:not([contenteditable="false"])';
/** A pinned node deep in a widget still belongs to it; further up is page layout. */
const MAX_ANCESTORS = 12;

const reader =
  (el: Element): AttributeReader =>
  (name) =>
    el.getAttribute(name);

/** The element a pin on `el` is about: its nearest interactive ancestor, or itself. */
function interactiveAround(el: Element): Element {
  let node: Element | null = el;
  for (let depth = 0; node && depth < MAX_ANCESTORS; depth++, node = node.parentElement) {
    if (node.localName === 'body') break;
    if (isInteractive(node.localName, reader(node))) return node;
  }
  return el;
}

function containersOf(el: Element): string[] {
  const out: string[] = [];
  for (let node = el.parentElement; node && node.localName !== 'body'; node = node.parentElement) {
    if (isPathTag(node.localName)) out.unshift(node.localName);
  }
  return out;
}

/** The text of elements the recording shows whole, by id (aria-labelledby). */
function textOfIds(doc: Document, ids: string | null, privacy: PagePrivacy): string {
  const parts = (ids ?? '').split(/\s+/).flatMap((id) => {
    const ref = id ? doc.getElementById(id) : null;
    return ref && !matchesAny(ref, privacy.hideText, true) ? [readableText(ref, privacy)] : [];
  });
  return parts.join(' ');
}

/** A field's label: label[for], a wrapping label, aria-label(ledby), else its placeholder. */
function fieldLabel(field: Element, privacy: PagePrivacy): string | null {
  const doc = field.ownerDocument;
  const readable = (label: Element | null | undefined) =>
    label && !matchesAny(label, privacy.masked, true) ? readableText(label, privacy) : '';
  const byFor = field.id
    ? [...doc.querySelectorAll('label')].find((l) => l.htmlFor === field.id)
    : undefined;
  const text =
    field.getAttribute('aria-label') ||
    textOfIds(doc, field.getAttribute('aria-labelledby'), privacy) ||
    readable(byFor) ||
    readable(field.closest('label')) ||
    field.getAttribute('placeholder');
  return identityText(text, IDENTITY_LIMITS.label);
}

/**
 * What names `subject` across page loads and participants. A blocked or
 * masked one is named by its markup only (id, test id, role, path); a field
 * or editable area by its label, never by what is in it.
 */
function identityOf(subject: Element, privacy: PagePrivacy, blocked: boolean): ElementIdentity {
  const tag = subject.localName;
  const attr = reader(subject);
  const path = identityPath(containersOf(subject), tag);
  const none = { id: null, testId: null, role: null, name: null, label: null, text: null };
  if (blocked) return { ...none, path };
  const id = subject.id && !isGeneratedId(subject.id) ? subject.id : null;
  const markup = {
    ...none,
    id: id ? id.slice(0, IDENTITY_LIMITS.id) : null,
    testId: testIdOf(attr),
    role: roleOf(tag, attr),
    path,
  };
  if (subject.ownerDocument.designMode === 'on' || matchesAny(subject, privacy.masked, true)) {
    return markup;
  }
  if (isField(tag, attr) || subject.matches(EDITABLE)) {
    const label = fieldLabel(subject, privacy);
    return { ...markup, name: label, label };
  }
  const doc = subject.ownerDocument;
  const text = identityText(readableText(subject, privacy), IDENTITY_LIMITS.text);
  const type = (attr('type') ?? '').toLowerCase();
  const ownName =
    attr('aria-label') ||
    textOfIds(doc, attr('aria-labelledby'), privacy) ||
    (tag === 'input' && BUTTON_INPUT_TYPES.has(type) ? attr('value') || attr('alt') : null) ||
    (ROLES_NAMED_BY_CONTENT.has(markup.role ?? '') ? text : null) ||
    attr('title');
  return { ...markup, name: identityText(ownName, IDENTITY_LIMITS.name), text };
}

/**
 * What a tag pinned to `el` stores. Nothing the recording hides is read: a
 * field, an editable area, a blocked or masked element (or one inside them)
 * has no text; a blocked one is pinned as the box the recording holds. Its
 * identity is that of the control it is part of (a span in a button: the button).
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
    selector: stableSelector(subject, { anonymous: blocked !== null, privacy }),
    rect: {
      x: Math.round(box.x),
      y: Math.round(box.y),
      width: Math.round(box.width),
      height: Math.round(box.height),
    },
    text: text.replace(/\s+/g, ' ').trim().slice(0, TEXT_LIMIT),
    identity: identityOf(blocked ?? interactiveAround(el), privacy, blocked !== null),
  };
}
