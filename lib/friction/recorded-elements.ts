import { asObject, type AddedNode, type Loose } from './observations';
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
  RRWEB_NODE,
  type AttributeReader,
  type PinnedElement,
} from '../contracts';

/**
 * The page's controls as the recording holds them, so that a detector can say
 * which one a click was on, with the same ElementIdentity rules as the overlay
 * (lib/contracts/element-identity.ts). Only what the recording shows is read:
 * masked text is stars there (and reads as no text), blocked elements have no
 * content, and no field's value or content is ever read. Bounded plain JSON,
 * like the rest of the detector state.
 */
export interface RecordedElements {
  /** Controls by node id, text filled in as their text nodes arrive. */
  controls: Record<string, RecordedControl>;
  /** [first, last, owner]: node id ranges inside a control (`c<id>`) or a label (`l<key>`). */
  owners: [number, number, string][];
  /** [first, last, index in `chains`]: node id ranges and the containers around them. */
  containers: [number, number, number][];
  /** Distinct container chains ('main > form'), so that ranges do not repeat them. */
  chains: string[];
  /** Label text by the id its `for` names, or `#<node id>` for a label around its field. */
  labels: Record<string, string>;
}

/** What names a control; keys without a value are left out (the state is stored after every batch). */
interface RecordedControl {
  tag: string;
  path: string;
  role?: string;
  id?: string;
  testId?: string;
  /** Which attribute the test id is in, for the selector. */
  testIdAttr?: string;
  /** Its own name: aria-label, or a button input's value. */
  name?: string;
  text?: string;
  /** Its id attribute, generated or not: label[for] points at it. */
  htmlId?: string;
  field?: true;
  /** The label around it, a key of `labels`. */
  labelKey?: string;
  /** A field's placeholder, another element's title: the name when nothing else names it. */
  fallbackName?: string;
}

const MAX_CONTROLS = 300;
const MAX_RANGES = 2_000;
const MAX_LABELS = 300;
const MAX_CHAINS = 100;
/** Text in these holds values or code, never a control's name. */
const SILENT_TAGS = new Set(['script', 'style', 'textarea', 'select', 'option', 'noscript']);

export const emptyElements = (): RecordedElements => ({
  controls: {},
  owners: [],
  containers: [],
  chains: [],
  labels: {},
});

/** rrweb records attribute values as strings, numbers, true or null. */
const reader =
  (attrs: Loose): AttributeReader =>
  (name) => {
    const value = attrs[name];
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    return value === true ? '' : null;
  };

const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

const isEditable = (attrs: Loose, attr: AttributeReader) =>
  attrs.contenteditable !== undefined && attr('contenteditable') !== 'false';

/** Only the keys that have a value. */
function present<T extends object>(record: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== null && value !== undefined),
  ) as { [K in keyof T]?: Exclude<T[K], null> };
}

function newControl(tag: string, attrs: Loose, scope: Scope): RecordedControl {
  const attr = reader(attrs);
  const rawId = attr('id');
  const field = isField(tag, attr) || isEditable(attrs, attr);
  const type = (attr('type') ?? '').toLowerCase();
  const testIdAttr = ['data-testid', 'data-test', 'data-qa'].find((n) => attr(n)?.trim());
  return {
    tag,
    path: identityPath(scope.containers ? scope.containers.split(' > ') : [], tag),
    ...present({
      role: roleOf(tag, attr),
      id: rawId && !isGeneratedId(rawId) ? rawId.slice(0, IDENTITY_LIMITS.id) : null,
      testId: testIdOf(attr),
      testIdAttr,
      name: identityText(
        attr('aria-label') ||
          (tag === 'input' && BUTTON_INPUT_TYPES.has(type) ? attr('value') || attr('alt') : null),
        IDENTITY_LIMITS.name,
      ),
      htmlId: rawId || null,
      field: field ? (true as const) : null,
      labelKey: scope.label,
      fallbackName: identityText(field ? attr('placeholder') : attr('title'), IDENTITY_LIMITS.name),
    }),
  };
}

/** A selector for the control in the recorded page: its id, test id or label, else its path's words. */
function selectorOf(control: RecordedControl): string {
  if (control.id) return `[id=${quoted(control.id)}]`;
  if (control.testId && control.testIdAttr) {
    return `${control.tag}[${control.testIdAttr}=${quoted(control.testId)}]`;
  }
  return control.path.split(' > ').join(' ');
}

/**
 * The innermost accepted range around `id`. Ranges are added in node id order
 * (a snapshot depth-first, then mutations), so the last one around it starts last.
 */
function innermost<T>(ranges: [number, number, T][], id: number, accept = (_: T) => true) {
  for (let i = ranges.length - 1; i >= 0; i--) {
    const [first, last, value] = ranges[i]!;
    if (id >= first && id <= last && accept(value)) return value;
  }
  return null;
}

/** Adds `id` to the range of `value` that ends just before it, or starts a new one. */
function extend<T>(ranges: [number, number, T][], id: number, value: T) {
  const last = ranges[ranges.length - 1];
  if (last && last[2] === value && last[1] === id - 1) last[1] = id;
  else if (ranges.length < MAX_RANGES) ranges.push([id, id, value]);
}

interface Scope {
  owner: string | null;
  containers: string;
  /** Inside a label: its key. */
  label: string | null;
  silent: boolean;
}

function appendText(state: RecordedElements, owner: string | null, text: string) {
  if (!owner || !text) return;
  const key = owner.slice(1);
  if (owner.startsWith('l')) {
    const current = state.labels[key];
    if (current !== undefined && current.length < IDENTITY_LIMITS.label * 2) {
      state.labels[key] = current + text;
    }
    return;
  }
  const control = state.controls[key];
  if (!control || control.field) return;
  const current = control.text ?? '';
  if (current.length < IDENTITY_LIMITS.text * 2) control.text = current + text;
}

/** Walks one serialized subtree (iteratively: pages nest deep) under `scope`. */
function visit(state: RecordedElements, root: Loose, rootScope: Scope) {
  const stack: { node: Loose; scope: Scope }[] = [{ node: root, scope: rootScope }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node } = item;
    const id = node.id;
    if (typeof id !== 'number') continue;
    let scope = item.scope;
    if (node.type === RRWEB_NODE.Text && !scope.silent) {
      appendText(state, scope.owner, typeof node.textContent === 'string' ? node.textContent : '');
    }
    if (node.type === RRWEB_NODE.Element && typeof node.tagName === 'string') {
      const tag = node.tagName.toLowerCase();
      const attrs = asObject(node.attributes) ?? {};
      const attr = reader(attrs);
      let { owner, containers, label, silent } = scope;
      if (isInteractive(tag, attr) && Object.keys(state.controls).length < MAX_CONTROLS) {
        state.controls[id] = newControl(tag, attrs, scope);
        owner = `c${id}`;
      } else if (tag === 'label' && Object.keys(state.labels).length < MAX_LABELS) {
        label = attr('for') || `#${id}`;
        state.labels[label] = '';
        owner = `l${label}`;
      }
      if (isPathTag(tag)) containers = containers ? `${containers} > ${tag}` : tag;
      silent ||= SILENT_TAGS.has(tag) || isEditable(attrs, attr);
      scope = { owner, containers, label, silent };
    }
    if (scope.owner) extend(state.owners, id, scope.owner);
    if (scope.containers) {
      let chain = state.chains.indexOf(scope.containers);
      if (chain < 0 && state.chains.length < MAX_CHAINS)
        chain = state.chains.push(scope.containers) - 1;
      if (chain >= 0) extend(state.containers, id, chain);
    }
    const children = Array.isArray(node.childNodes) ? node.childNodes : [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = asObject(children[i]);
      if (child) stack.push({ node: child, scope });
    }
  }
}

/** What the recording already says around node `id`. */
function scopeOf(state: RecordedElements, id: number): Scope {
  const label = innermost(state.owners, id, (key) => key.startsWith('l'));
  return {
    owner: innermost(state.owners, id),
    containers: state.chains[innermost(state.containers, id) ?? -1] ?? '',
    label: label && label.slice(1),
    silent: false,
  };
}

/** A full snapshot describes the whole page again (rrweb keeps the node ids): it starts over. */
export function elementsSnapshot(state: RecordedElements, root: Loose) {
  Object.assign(state, emptyElements());
  visit(state, root, { owner: null, containers: '', label: null, silent: false });
}

export function elementsAdds(state: RecordedElements, adds: AddedNode[]) {
  // rrweb serializes a parent before its children, so by id parents come first.
  const byId = [...adds].sort((a, b) => Number(a.node.id) - Number(b.node.id));
  for (const { parentId, node } of byId) visit(state, node, scopeOf(state, parentId));
}

/**
 * The control a click on node `nodeId` was on (the node or its nearest
 * interactive ancestor), as a pinned element; null when the recording does
 * not hold one. Its size is unknown: the rect is the click's point.
 */
export function targetOf(
  state: RecordedElements,
  nodeId: number,
  point: { x: number | null; y: number | null },
): PinnedElement | null {
  const owner = innermost(state.owners, nodeId, (key) => key.startsWith('c'));
  const control = owner ? state.controls[owner.slice(1)] : undefined;
  if (!control) return null;
  const text = identityText(control.text, IDENTITY_LIMITS.text);
  const own = control.name ?? null;
  let label: string | null = null;
  if (control.field) {
    const byFor = control.htmlId ? state.labels[control.htmlId] : undefined;
    const wrapping = control.labelKey ? state.labels[control.labelKey] : undefined;
    label =
      own ?? identityText(byFor || wrapping, IDENTITY_LIMITS.label) ?? control.fallbackName ?? null;
  }
  const namedByText = !control.field && ROLES_NAMED_BY_CONTENT.has(control.role ?? '');
  const name = control.field
    ? label
    : (own ?? (namedByText ? text : null) ?? control.fallbackName ?? null);
  return {
    selector: selectorOf(control),
    rect: { x: Math.round(point.x ?? 0), y: Math.round(point.y ?? 0), width: 0, height: 0 },
    text: text ?? '',
    identity: {
      id: control.id ?? null,
      testId: control.testId ?? null,
      role: control.role ?? null,
      name,
      label,
      text: control.field ? null : text,
      path: control.path,
    },
  };
}
