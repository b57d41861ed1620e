import type { ElementIdentity } from './findings';

/**
 * The rules of an ElementIdentity, shared by the overlay (which reads the live
 * page) and the detectors (which read the recorded nodes): the same element
 * must get the same identity from both, or findings would not cluster.
 * Attributes come through `attr`, so both kinds of node fit.
 */
export type AttributeReader = (name: string) => string | null;

/** Bounds on each field, which the schemas of requests and bundles enforce too. */
export const IDENTITY_LIMITS = {
  id: 100,
  testId: 100,
  role: 40,
  name: 120,
  label: 120,
  text: 120,
  path: 200,
} as const satisfies Record<keyof ElementIdentity, number>;

const TEST_ID_ATTRIBUTES = ['data-testid', 'data-test', 'data-qa'] as const;

/** React's useId (`:r1:`, `«r1»`), widget libraries' counters and prefixes: none survive a reload. */
const GENERATED_ID =
  /[:«»]|^\d|\d{3,}|^(ember|ext-gen|yui_|mui-|radix-|headlessui-|react-aria|downshift-|rc-|__)/i;

export function isGeneratedId(id: string): boolean {
  if (GENERATED_ID.test(id)) return true;
  // A hash: six or more hex characters mixing digits and letters ('a3f9c2', not 'feedback').
  return (id.match(/[0-9a-f]{6,}/gi) ?? []).some((run) => /\d/.test(run) && /[a-f]/i.test(run));
}

export function testIdOf(attr: AttributeReader): string | null {
  for (const name of TEST_ID_ATTRIBUTES) {
    const value = attr(name)?.trim();
    if (value) return value.slice(0, IDENTITY_LIMITS.testId);
  }
  return null;
}

/** Roles that make an element something a participant acts on. */
const INTERACTIVE_ROLES = new Set([
  'button',
  'link',
  'tab',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'checkbox',
  'radio',
  'switch',
  'option',
  'combobox',
  'textbox',
  'searchbox',
  'slider',
  'spinbutton',
  'treeitem',
]);

const INPUT_ROLES: Record<string, string> = {
  button: 'button',
  submit: 'button',
  reset: 'button',
  image: 'button',
  checkbox: 'checkbox',
  radio: 'radio',
  range: 'slider',
  number: 'spinbutton',
  search: 'searchbox',
};

/** Inputs that are buttons: their value attribute is the page's own label, not something typed. */
export const BUTTON_INPUT_TYPES = new Set(['button', 'submit', 'reset', 'image']);

const explicitRole = (attr: AttributeReader) =>
  attr('role')?.trim().split(/\s+/, 1)[0]?.toLowerCase() || null;

/** The explicit role, else the one HTML gives the tag (the common cases). */
export function roleOf(tag: string, attr: AttributeReader): string | null {
  const explicit = explicitRole(attr);
  if (explicit) return explicit.slice(0, IDENTITY_LIMITS.role);
  switch (tag) {
    case 'button':
    case 'summary':
      return 'button';
    case 'a':
      return attr('href') !== null ? 'link' : null;
    case 'input': {
      const type = (attr('type') ?? 'text').toLowerCase();
      return type === 'hidden' ? null : (INPUT_ROLES[type] ?? 'textbox');
    }
    case 'select':
      return 'combobox';
    case 'textarea':
      return 'textbox';
    case 'nav':
      return 'navigation';
    case 'main':
      return 'main';
    case 'dialog':
      return 'dialog';
    case 'form':
      return 'form';
    case 'img':
      return 'img';
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return 'heading';
    default:
      return null;
  }
}

/** Something a participant acts on: the element a click or a pin is about. */
export function isInteractive(tag: string, attr: AttributeReader): boolean {
  switch (tag) {
    case 'button':
    case 'select':
    case 'textarea':
    case 'summary':
      return true;
    case 'a':
      return attr('href') !== null;
    case 'input':
      return (attr('type') ?? '').toLowerCase() !== 'hidden';
  }
  const role = explicitRole(attr);
  return role !== null && INTERACTIVE_ROLES.has(role);
}

/** Where the participant types or chooses: never any of its text. */
export function isField(tag: string, attr: AttributeReader): boolean {
  if (tag === 'input') return !BUTTON_INPUT_TYPES.has((attr('type') ?? '').toLowerCase());
  return tag === 'select' || tag === 'textarea';
}

/** Containers that say where on the page an element is, unlike the layout's divs. */
const PATH_TAGS = new Set([
  'header',
  'nav',
  'main',
  'aside',
  'footer',
  'form',
  'section',
  'article',
  'dialog',
  'fieldset',
  'table',
  'ul',
  'ol',
  'menu',
  'details',
]);
const PATH_DEPTH = 3;

export const isPathTag = (tag: string): boolean => PATH_TAGS.has(tag);

/**
 * The structural path: up to three containers around the element (innermost
 * last) and its own tag, e.g. 'main > form > button'. `containers` is outermost first.
 */
export function identityPath(containers: readonly string[], tag: string): string {
  return [...containers.slice(-PATH_DEPTH), tag].join(' > ').slice(0, IDENTITY_LIMITS.path);
}

/** Whitespace collapsed and bounded; null when nothing, or only the recording's mask, is left. */
export function identityText(value: string | null | undefined, limit: number): string | null {
  const text = (value ?? '').replace(/\s+/g, ' ').trim();
  if (text === '' || /^[*\s]+$/.test(text)) return null;
  return text.slice(0, limit);
}

/** Roles whose accessible name comes from their content (a button's or a link's text). */
export const ROLES_NAMED_BY_CONTENT: ReadonlySet<string> = new Set([
  'button',
  'link',
  'tab',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'option',
  'treeitem',
  'checkbox',
  'radio',
  'switch',
  'heading',
]);
