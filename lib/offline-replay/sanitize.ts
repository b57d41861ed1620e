import { RRWEB_EVENT } from '../contracts';
import type { RrwebEvent } from '../contracts';

/**
 * What the offline replay embeds of a recorded page, made inert. Its frame
 * is sandboxed without scripts and the document's CSP admits only the
 * player, so none of this could run anyway; the recording is cleaned too so
 * that the file stays harmless wherever its data ends up (another player,
 * a viewer that is less strict).
 *
 * - `on*` attributes (event handlers) are dropped;
 * - a `javascript:`/`vbscript:` URL in any attribute becomes `#` (browsers
 *   ignore tabs, newlines and leading spaces in a scheme, so those are
 *   ignored here too);
 * - `<script>` elements keep their place but lose their code: their text is
 *   emptied, `src` dropped and `type` made `text/plain`;
 * - `srcdoc` (a whole document in an attribute) is dropped, as is the
 *   `content` of `<meta http-equiv>` (a refresh can navigate).
 */

const ELEMENT = 2;
const TEXT = 3;
const MUTATION = 0;

interface SerializedNode {
  type: number;
  id: number;
  tagName?: string;
  attributes?: Record<string, unknown>;
  childNodes?: SerializedNode[];
  textContent?: string;
}

const SCRIPT_URL = /^(javascript|vbscript|livescript):/i;

/** True when a browser would take this attribute value as a script URL. */
export function isScriptUrl(value: string): boolean {
  let scheme = '';
  for (const c of value) {
    // Browsers skip spaces and control characters in a scheme.
    if (c > ' ') scheme += c;
    if (scheme.length > 11) break;
  }
  return SCRIPT_URL.test(scheme);
}

function cleanAttributes(
  attributes: Record<string, unknown>,
  tagName: string | null,
): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes)) {
    const lower = name.toLowerCase();
    if (lower.startsWith('on') || lower === 'srcdoc') continue;
    if (tagName === 'script' && lower === 'src') continue;
    if (tagName === 'meta' && lower === 'content' && 'http-equiv' in attributes) continue;
    clean[name] = typeof value === 'string' && isScriptUrl(value) ? '#' : value;
  }
  if (tagName === 'script') clean.type = 'text/plain';
  return clean;
}

/** Cleans one page load's events in order: scripts added by a mutation are remembered. */
export function createEventSanitizer(): (events: readonly RrwebEvent[]) => RrwebEvent[] {
  /** Ids of recorded <script> elements and the text nodes inside them. */
  const scripts = new Set<number>();
  const tags = new Map<number, string>();

  function cleanNode(node: SerializedNode, inScript: boolean): SerializedNode {
    if (node.type === TEXT && inScript) {
      scripts.add(node.id);
      return { ...node, textContent: '' };
    }
    if (node.type !== ELEMENT && !node.childNodes) return node;
    const tagName = typeof node.tagName === 'string' ? node.tagName.toLowerCase() : null;
    const isScript = tagName === 'script';
    if (isScript) scripts.add(node.id);
    if (tagName) tags.set(node.id, tagName);
    return {
      ...node,
      ...(node.attributes && { attributes: cleanAttributes(node.attributes, tagName) }),
      ...(node.childNodes && {
        childNodes: node.childNodes.map((child) => cleanNode(child, isScript)),
      }),
    };
  }

  function cleanMutation(data: Record<string, unknown>): Record<string, unknown> {
    const adds = Array.isArray(data.adds)
      ? (data.adds as { parentId: number; node: SerializedNode }[]).map((add) => ({
          ...add,
          node: cleanNode(add.node, scripts.has(add.parentId)),
        }))
      : data.adds;
    const attributes = Array.isArray(data.attributes)
      ? (data.attributes as { id: number; attributes: Record<string, unknown> }[]).map((m) => ({
          ...m,
          attributes: cleanAttributes(m.attributes ?? {}, tags.get(m.id) ?? null),
        }))
      : data.attributes;
    const texts = Array.isArray(data.texts)
      ? (data.texts as { id: number; value: unknown }[]).map((t) =>
          scripts.has(t.id) ? { ...t, value: '' } : t,
        )
      : data.texts;
    return { ...data, adds, attributes, texts };
  }

  return (events) =>
    events.map((event) => {
      if (event.type === RRWEB_EVENT.FullSnapshot) {
        const data = event.data as { node: SerializedNode };
        return {
          ...event,
          data: { ...event.data, node: cleanNode(data.node, false) },
        } as RrwebEvent;
      }
      if (event.type === RRWEB_EVENT.IncrementalSnapshot) {
        const data = event.data as { source: number } & Record<string, unknown>;
        if (data.source !== MUTATION) return event;
        return { ...event, data: cleanMutation(data) } as unknown as RrwebEvent;
      }
      return event;
    });
}
