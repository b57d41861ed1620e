/**
 * What the participant typed, kept in the page's memory only (never sent, gone
 * with the page), so that it can be masked wherever the page prints it back:
 * text nodes and attributes in snapshots and mutations, custom-event payloads,
 * and the error and console messages the probe reports. Also the fixed mask of
 * choices (select, radio, checkbox, file), whose value or state rrweb records
 * in clear or as length-revealing stars, and the text of documents in
 * designMode, which rrweb's [contenteditable] masking does not reach.
 *
 * Masks: a typed value found in text is replaced by stars of the same length,
 * like rrweb's own text masking (the replay keeps its layout, and the masked
 * input already shows that length). A choice gets CHOICE_MASK whatever its
 * value, and a checkbox or radio is always recorded unchecked.
 */

import { RRWEB_EVENT, RRWEB_NODE, RRWEB_SOURCE } from '../contracts';

/**
 * Shorter values are not remembered: one to three characters (quantities,
 * "yes", initials, a year's "24") occur all over ordinary page text and would
 * mask it, while four keeps PIN-sized secrets, last-four digits and years.
 */
export const MIN_VALUE_CHARS = 4;
/** What a select's value and a radio, checkbox or file input's value become. */
export const CHOICE_MASK = '********';

/**
 * A debounced echo ("Results for 'secr'") lags the typing: text holding at
 * least the first half of a value (at least MIN_VALUE_CHARS, at most this
 * many characters of it) is masked too, as far as it matches.
 */
const PARTIAL_MAX_CHARS = 32;
/** Longer values are remembered by their beginning. */
const MAX_VALUE_CHARS = 4_000;
/** JSON typed into a field (API consoles) is remembered by its leaves, at most this many. */
const MAX_JSON_LEAVES = 256;
/** Nodes of a custom event's payload visited at most. */
const MAX_PAYLOAD_NODES = 10_000;

/** Input types that are not typed text (see CHOICE_TYPES for those masked as choices). */
const NOT_TYPED = new Set([
  'radio',
  'checkbox',
  'file',
  'button',
  'submit',
  'reset',
  'image',
  'hidden',
  'range',
  'color',
]);
const CHOICE_TYPES = new Set(['radio', 'checkbox', 'file']);
/** Styling, never filled with typed text; masking it would break the replay's layout. */
const UNSCANNED_ATTRIBUTES = new Set(['class', 'style', '_cssText']);

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null;

interface PoolLimits {
  values: number;
  chars: number;
}

/** Insertion-ordered set of values with a cap on count and characters; oldest out first. */
function createPool(limits: PoolLimits) {
  const values = new Set<string>();
  let chars = 0;
  return {
    values,
    add(value: string) {
      if (values.delete(value)) chars -= value.length;
      values.add(value);
      chars += value.length;
      for (const oldest of values) {
        if (values.size <= limits.values && chars <= limits.chars) break;
        values.delete(oldest);
        chars -= oldest.length;
      }
    },
    delete(value: string) {
      if (values.delete(value)) chars -= value.length;
    },
    get chars() {
      return chars;
    },
  };
}

type Pool = ReturnType<typeof createPool>;

function jsonLeaves(text: string): string[] | null {
  if (text[0] !== '{' && text[0] !== '[') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const leaves: string[] = [];
  const stack: unknown[] = [parsed];
  while (stack.length > 0 && leaves.length < MAX_JSON_LEAVES) {
    const item = stack.pop();
    if (typeof item === 'string') leaves.push(item.trim());
    else if (typeof item === 'number' && Number.isFinite(item)) leaves.push(String(item));
    else if (item !== null && typeof item === 'object')
      for (const v of Object.values(item)) stack.push(v);
  }
  return leaves;
}

/** The strings a value may reappear as: itself, its lines, or its JSON leaves; raw, URL- and JSON-escaped. */
function partsOf(value: string): string[] {
  const whole = value.slice(0, MAX_VALUE_CHARS).trim();
  if (whole.length < MIN_VALUE_CHARS) return [];
  const leaves = jsonLeaves(whole);
  const base = leaves ?? [whole, ...whole.split(/\r\n|\r|\n/).map((line) => line.trim())];
  const parts = new Set<string>();
  for (const part of base) {
    if (part.length < MIN_VALUE_CHARS) continue;
    parts.add(part);
    try {
      parts.add(encodeURIComponent(part));
    } catch {
      // A lone surrogate has no URL form.
    }
    parts.add(JSON.stringify(part).slice(1, -1));
  }
  return [...parts];
}

/** `b` is `a` with one stretch inserted or deleted (a keystroke, a paste, a backspace). */
function isEdit(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < n && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < n - prefix &&
    a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)
  )
    suffix++;
  return prefix + suffix >= n;
}

function lower(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : '';
}

/** A typed-text field (input or textarea) as seen through an event target; null otherwise. */
function textFieldValue(target: unknown): string | null {
  if (typeof target !== 'object' || target === null) return null;
  const field = target as { tagName?: unknown; type?: unknown; value?: unknown };
  const tag = field.tagName;
  if (tag !== 'TEXTAREA' && (tag !== 'INPUT' || NOT_TYPED.has(lower(field.type)))) return null;
  return typeof field.value === 'string' ? field.value : null;
}

/** What only the live page knows about a recorded node id (rrweb events name nodes by id). */
export interface RecordedNodes {
  /** A radio, checkbox or file input. */
  isChoice(id: number): boolean;
  /** In a document in designMode: all of it is editable, all of its text typed or typeable. */
  inDesignMode(id: number): boolean;
}

const UNKNOWN_NODES: RecordedNodes = { isChoice: () => false, inDesignMode: () => false };

/**
 * RecordedNodes over a lookup of live nodes by recorded id (rrweb's mirror).
 * The page can redefine the DOM getters read here: if one throws, the node is
 * masked.
 */
export function recordedNodes(nodeOf: (id: number) => unknown): RecordedNodes {
  const orMask = (test: (node: Fields) => boolean) => (id: number) => {
    try {
      const node = nodeOf(id);
      return isFields(node) && test(node);
    } catch {
      return true;
    }
  };
  return {
    isChoice: orMask((node) => node.tagName === 'INPUT' && CHOICE_TYPES.has(lower(node.type))),
    // A document's ownerDocument is null: it is its own document.
    inDesignMode: orMask(
      (node) => (isFields(node.ownerDocument) ? node.ownerDocument : node).designMode === 'on',
    ),
  };
}

/** How rrweb masks text: every visible character becomes a star. */
const maskAll = (text: unknown) => (typeof text === 'string' ? text.replace(/\S/g, '*') : text);

export interface TypingEvent {
  type: string;
  isTrusted: boolean;
  target: unknown;
}

interface SerializedNode {
  type?: unknown;
  id?: unknown;
  tagName?: unknown;
  attributes?: Record<string, unknown>;
  childNodes?: unknown;
  textContent?: unknown;
}

export interface TypedValueRedactorOptions {
  /** Limits of each of the three memories (typing, committed values, values rrweb saw). */
  limits?: PoolLimits;
}

export function createTypedValueRedactor(options: TypedValueRedactorOptions = {}) {
  const limits = options.limits ?? { values: 128, chars: 64_000 };
  /** Values being typed; a keystroke replaces the previous state of its field. */
  const live = createPool(limits);
  /** Values a field held when the participant left it (trusted change events). */
  const committed = createPool(limits);
  /** Values rrweb met in masked fields: snapshots, and values the page's code set (page-controlled). */
  const seen = createPool(limits);
  const pools: Pool[] = [live, committed, seen];
  /** Per field: its value on focus, and the live parts of its last keystroke. */
  const focusValue = new WeakMap<object, string>();
  const lastTyped = new WeakMap<object, { value: string; parts: string[] }>();

  let matchers: { value: string; head: string }[] | null = null;

  function changed() {
    matchers = null;
  }

  function currentMatchers() {
    if (matchers) return matchers;
    const all = new Set<string>();
    for (const pool of pools) for (const value of pool.values) all.add(value);
    matchers = [...all].map((value) => {
      const need = Math.min(
        value.length,
        Math.max(MIN_VALUE_CHARS, Math.min(Math.ceil(value.length / 2), PARTIAL_MAX_CHARS)),
      );
      return { value, head: value.slice(0, need) };
    });
    return matchers;
  }

  function newParts(value: string, field: object): string[] {
    const parts = partsOf(value);
    const before = focusValue.get(field);
    if (before === undefined) return parts;
    // What the field already held when the participant came to it was not typed (a prefilled example).
    const old = new Set(partsOf(before));
    const whole = value.trim();
    return parts.filter((part) => part === whole || !old.has(part));
  }

  function typed(field: object, value: string) {
    const parts = newParts(value, field);
    const last = lastTyped.get(field);
    if (last && isEdit(last.value, value)) {
      for (const part of last.parts) if (!parts.includes(part)) live.delete(part);
    }
    parts.forEach(live.add);
    lastTyped.set(field, { value, parts });
    changed();
  }

  function redactText(text: string): string {
    if (text.length < MIN_VALUE_CHARS) return text;
    const found: [number, number][] = [];
    for (const { value, head } of currentMatchers()) {
      if (text.length < head.length) continue;
      for (let at = text.indexOf(head); at !== -1; at = text.indexOf(head, at + 1)) {
        let end = at + head.length;
        let k = head.length;
        while (
          k < value.length &&
          end < text.length &&
          text.charCodeAt(end) === value.charCodeAt(k)
        ) {
          end++;
          k++;
        }
        found.push([at, end]);
      }
    }
    if (found.length === 0) return text;
    found.sort((a, b) => a[0] - b[0]);
    let out = '';
    let done = 0;
    for (const [start, end] of found) {
      const from = Math.max(start, done);
      if (end <= from) continue;
      out += text.slice(done, from) + '*'.repeat(end - from);
      done = end;
    }
    return out + text.slice(done);
  }

  const hasValues = () => live.values.size + committed.values.size + seen.values.size > 0;
  const redactString = (value: unknown) => (typeof value === 'string' ? redactText(value) : value);

  function redactAttributes(attributes: Fields) {
    for (const key of Object.keys(attributes)) {
      if (!UNSCANNED_ATTRIBUTES.has(key)) attributes[key] = redactString(attributes[key]);
    }
  }

  // `delete` only where present: it turns an object slow (dictionary mode) for JSON.stringify.
  const drop = (fields: Fields, key: string) => {
    if (key in fields) delete fields[key];
  };

  /**
   * Walks a serialized node tree without recursion (a snapshot can be 20,000
   * levels deep); `editable`: the tree is in a designMode document.
   */
  function redactTree(root: unknown, scan: boolean, nodes: RecordedNodes, editable: boolean) {
    const stack: unknown[] = [root];
    const inEditable: boolean[] = [editable];
    while (stack.length > 0) {
      const node = stack.pop() as SerializedNode;
      let masked = inEditable.pop() ?? false;
      if (!isFields(node)) continue;
      if (node.type === RRWEB_NODE.Document && typeof node.id === 'number')
        masked = nodes.inDesignMode(node.id);
      if (node.type === RRWEB_NODE.Element) {
        const tag = lower(node.tagName);
        const attributes = isFields(node.attributes) ? node.attributes : null;
        if (attributes) {
          if (tag === 'input' && CHOICE_TYPES.has(lower(attributes.type))) {
            if ('value' in attributes) attributes.value = CHOICE_MASK;
            drop(attributes, 'checked');
          } else if (tag === 'select') {
            // Even "nothing chosen yet" (rrweb leaves an empty value out) looks the same.
            attributes.value = CHOICE_MASK;
          } else if (tag === 'option') {
            drop(attributes, 'selected');
          }
          if (scan) redactAttributes(attributes);
        }
        // A stylesheet's text is CSS, not the page's words.
        if (tag === 'style') continue;
      } else if (
        node.type === RRWEB_NODE.Text ||
        node.type === RRWEB_NODE.CDATA ||
        node.type === RRWEB_NODE.Comment
      ) {
        if (masked) node.textContent = maskAll(node.textContent);
        else if (scan) node.textContent = redactString(node.textContent);
      }
      // One by one: spreading a huge child list would overflow the argument limit.
      if (Array.isArray(node.childNodes)) {
        for (const child of node.childNodes) {
          stack.push(child);
          inEditable.push(masked);
        }
      }
    }
  }

  function redactMutation(data: Fields, scan: boolean, nodes: RecordedNodes) {
    if (Array.isArray(data.texts)) {
      for (const text of data.texts as unknown[]) {
        if (!isFields(text)) continue;
        if (typeof text.id === 'number' && nodes.inDesignMode(text.id)) {
          text.value = maskAll(text.value);
        } else if (scan) text.value = redactString(text.value);
      }
    }
    if (Array.isArray(data.attributes)) {
      for (const change of data.attributes as unknown[]) {
        if (!isFields(change) || !isFields(change.attributes)) continue;
        const attributes = change.attributes;
        drop(attributes, 'checked');
        drop(attributes, 'selected');
        if ('value' in attributes && typeof change.id === 'number' && nodes.isChoice(change.id)) {
          attributes.value = CHOICE_MASK;
        }
        if (scan) redactAttributes(attributes);
      }
    }
    if (Array.isArray(data.adds)) {
      for (const add of data.adds as unknown[]) {
        if (!isFields(add)) continue;
        const editable = typeof add.parentId === 'number' && nodes.inDesignMode(add.parentId);
        redactTree(add.node, scan, nodes, editable);
      }
    }
  }

  function redactPayload(payload: unknown): unknown {
    if (typeof payload === 'string') return redactText(payload);
    const stack: unknown[] = [payload];
    for (let visited = 0; stack.length > 0 && visited < MAX_PAYLOAD_NODES; visited++) {
      const item = stack.pop();
      if (!isFields(item)) continue;
      for (const key of Object.keys(item)) {
        const value = item[key];
        if (typeof value === 'string') item[key] = redactText(value);
        else if (isFields(value)) stack.push(value);
      }
    }
    return payload;
  }

  return {
    /** A trusted focusin, input or change event anywhere in a recorded document. */
    handleTyping(event: TypingEvent): void {
      if (!event.isTrusted) return;
      const field = event.target as object;
      const value = textFieldValue(field);
      if (value === null) return;
      if (event.type === 'focusin') focusValue.set(field, value);
      else if (event.type === 'input') typed(field, value);
      else if (event.type === 'change') {
        newParts(value, field).forEach(committed.add);
        changed();
      }
    },

    /** rrweb's maskInputFn: gets every masked field's raw value before masking it. */
    maskInput(text: string, element: unknown): string {
      if (isFields(element) && element.tagName === 'SELECT') return CHOICE_MASK;
      const value = text.slice(0, MAX_VALUE_CHARS).trim();
      if (value.length >= MIN_VALUE_CHARS) {
        // A field updated on each keystroke (value attribute of a controlled input) holds one value.
        for (const old of seen.values) if (value.startsWith(old)) seen.delete(old);
        seen.add(value);
        changed();
      }
      return '*'.repeat(text.length);
    },

    redactText(text: string): string {
      return hasValues() ? redactText(text) : text;
    },

    /**
     * Masks an rrweb event in place and returns it; `nodes` answers what the
     * event alone cannot tell about the nodes it names by id.
     */
    redactEvent<E>(event: E, nodes: RecordedNodes = UNKNOWN_NODES): E {
      if (!isFields(event) || !isFields(event.data)) return event;
      const { data } = event;
      const scan = hasValues();
      switch (event.type) {
        case RRWEB_EVENT.FullSnapshot:
          redactTree(data.node, scan, nodes, false);
          break;
        case RRWEB_EVENT.IncrementalSnapshot:
          if (data.source === RRWEB_SOURCE.Mutation) redactMutation(data, scan, nodes);
          else if (data.source === RRWEB_SOURCE.Input) {
            // Typed text arrives as stars already; anything else is a choice's value.
            if (typeof data.text === 'string' && !/^\**$/.test(data.text)) data.text = CHOICE_MASK;
            if ('isChecked' in data) data.isChecked = false;
          }
          break;
        case RRWEB_EVENT.Meta:
          if (scan) data.href = redactString(data.href);
          break;
        case RRWEB_EVENT.Custom:
          if (scan) data.payload = redactPayload(data.payload);
          break;
      }
      return event;
    },

    /** How much is held (for tests of the memory bound). */
    get held(): { values: number; chars: number } {
      return {
        values: pools.reduce((sum, pool) => sum + pool.values.size, 0),
        chars: pools.reduce((sum, pool) => sum + pool.chars, 0),
      };
    },
  };
}

export type TypedValueRedactor = ReturnType<typeof createTypedValueRedactor>;
