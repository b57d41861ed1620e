import { asObject, type AddedNode, type Loose } from './observations';

/**
 * What a page load's recorded nodes tell about clicks on them. Kept small:
 * ranges of node ids (rrweb numbers a snapshot depth-first, so a subtree is
 * mostly one range) and a name for each form field.
 */
export interface NodeIndex {
  /**
   * Sorted, disjoint [first, last] node id ranges where a click may get no
   * visible answer and still work: links that leave the page (possibly in
   * another tab), form fields (focus), labels (their field), and their contents.
   */
  quiet: [number, number][];
  /** Form fields by node id, e.g. "input#email", for evidence. */
  fields: Record<string, string>;
  /**
   * Blocked elements (recorded as empty boxes, our overlay's host among them):
   * what a click on them does cannot be judged from the recording.
   */
  blocked: number[];
}

const MAX_RANGES = 2_000;
const MAX_FIELDS = 300;
const MAX_BLOCKED = 500;
/** rrweb records a blocked element with its size in these attributes, and nothing else of it. */
const BLOCKED_SIZE = 'rr_width';
const ELEMENT = 2;
const BUTTON_INPUTS = new Set(['button', 'submit', 'reset', 'image']);
const FIELD_TAGS = new Set(['input', 'select', 'textarea']);
const QUIET_TAGS = new Set(['select', 'textarea', 'label', 'video', 'audio']);
const FIELD_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'slider', 'spinbutton']);

export const emptyIndex = (): NodeIndex => ({ quiet: [], fields: {}, blocked: [] });

const withoutHash = (url: string) => url.split('#', 1)[0] ?? '';

/** A link away from this document: an in-page anchor or a javascript: link has to answer visibly. */
function leavesPage(href: unknown, pageUrl: string): boolean {
  if (typeof href !== 'string' || href.trim() === '' || /^\s*javascript:/i.test(href)) return false;
  return !(href.includes('#') && withoutHash(href) === withoutHash(pageUrl));
}

function isQuietElement(tag: string, attrs: Loose, pageUrl: string): boolean {
  if (tag === 'a') return leavesPage(attrs.href, pageUrl);
  if (tag === 'input') return !BUTTON_INPUTS.has(String(attrs.type ?? '').toLowerCase());
  if (QUIET_TAGS.has(tag)) return true;
  const editable = attrs.contenteditable;
  if (editable !== undefined && editable !== 'false') return true;
  return FIELD_ROLES.has(String(attrs.role ?? ''));
}

function fieldName(tag: string, attrs: Loose): string {
  if (typeof attrs.id === 'string' && attrs.id) return `${tag}#${attrs.id}`;
  if (typeof attrs.name === 'string' && attrs.name) return `${tag}[name="${attrs.name}"]`;
  return tag;
}

/**
 * A click on a blocked element, or on a node the recording does not hold
 * (rrweb's id -1: inside a blocked element), tells nothing about the page.
 */
export function isBlocked(index: NodeIndex, id: number): boolean {
  // `?? []`: a detector state stored before this field existed.
  return id < 0 || (index.blocked ?? []).includes(id);
}

export function isQuiet(index: NodeIndex, id: number): boolean {
  let low = 0;
  let high = index.quiet.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [first, last] = index.quiet[mid]!;
    if (id < first) high = mid - 1;
    else if (id > last) low = mid + 1;
    else return true;
  }
  return false;
}

/** Walks a serialized subtree (iteratively: pages nest deep), noting fields and quiet ids. */
function visit(index: NodeIndex, root: Loose, quietRoot: boolean, pageUrl: string, out: number[]) {
  const stack = [{ node: root, quiet: quietRoot }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node } = item;
    const id = node.id;
    if (typeof id !== 'number') continue;
    let quiet = item.quiet;
    if (node.type === ELEMENT && typeof node.tagName === 'string') {
      const tag = node.tagName.toLowerCase();
      const attrs = asObject(node.attributes) ?? {};
      quiet ||= isQuietElement(tag, attrs, pageUrl);
      if (BLOCKED_SIZE in attrs) {
        const blocked = (index.blocked ??= []);
        if (blocked.length < MAX_BLOCKED) blocked.push(id);
      }
      if (FIELD_TAGS.has(tag) && Object.keys(index.fields).length < MAX_FIELDS) {
        index.fields[id] = fieldName(tag, attrs);
      }
    }
    if (quiet) out.push(id);
    for (const child of Array.isArray(node.childNodes) ? node.childNodes : []) {
      const childNode = asObject(child);
      if (childNode) stack.push({ node: childNode, quiet });
    }
  }
}

function addRanges(index: NodeIndex, ids: number[]) {
  if (ids.length === 0) return;
  const all: [number, number][] = [...index.quiet, ...ids.map((id): [number, number] => [id, id])];
  all.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [first, last] of all) {
    const previous = merged[merged.length - 1];
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else merged.push([first, last]);
  }
  // Past the cap, new quiet nodes go unnoticed: a rare dead-click false alarm on huge pages.
  if (merged.length <= MAX_RANGES) index.quiet = merged;
}

export function indexSnapshot(index: NodeIndex, root: Loose, pageUrl: string) {
  const quietIds: number[] = [];
  visit(index, root, false, pageUrl, quietIds);
  addRanges(index, quietIds);
}

export function indexAdds(index: NodeIndex, adds: AddedNode[], pageUrl: string) {
  const quietIds: number[] = [];
  const quietHere = new Set<number>();
  // rrweb serializes a parent before its children, so by id parents come first.
  const byId = [...adds].sort((a, b) => Number(a.node.id) - Number(b.node.id));
  for (const { parentId, node } of byId) {
    const from = quietIds.length;
    visit(index, node, isQuiet(index, parentId) || quietHere.has(parentId), pageUrl, quietIds);
    quietIds.slice(from).forEach((id) => quietHere.add(id));
  }
  addRanges(index, quietIds);
}
