/**
 * Every page load's FullSnapshot inlines the product's stylesheets again
 * (rrweb's `_cssText` on <link>, `textContent` of <style>): most of a
 * session's bytes are the same CSS. Large texts are stored once per session
 * and replaced in the events by a sentinel string; readers splice them back,
 * so what leaves storage is plain rrweb again.
 */

import { RRWEB_EVENT, RRWEB_SOURCE } from '../contracts';

/** Texts shorter than this stay inline: a reference would save little. */
export const MIN_ASSET_CHARS = 2_048;

// NUL cannot occur in CSS a browser serializes, so the sentinel cannot clash.
const PREFIX = '\u0000sg-asset:';
const SENTINEL_IN_JSON = /"\\u0000sg-asset:([0-9a-f]{64})"/g;

type SerializedNode = {
  attributes?: Record<string, unknown>;
  textContent?: unknown;
  isStyle?: boolean;
  childNodes?: SerializedNode[];
};

export interface ExtractedAssets {
  events: unknown[];
  /** hash -> text, for the texts that were replaced. */
  assets: Map<string, string>;
}

/**
 * Replace large inlined CSS in FullSnapshot and mutation-added nodes by
 * sentinels. Mutates the given events (they are freshly parsed and owned by
 * the caller). `hash` returns a 64-char hex digest (SHA-256).
 */
export async function extractAssets(
  events: unknown[],
  hash: (text: string) => Promise<string>,
): Promise<ExtractedAssets> {
  const assets = new Map<string, string>();
  const found: { holder: Record<string, unknown>; key: string; text: string }[] = [];

  // Iterative: a page can send a tree of any depth.
  const visit = (root: SerializedNode | undefined) => {
    const stack: unknown[] = [root];
    while (stack.length) {
      const node = stack.pop() as SerializedNode | undefined;
      if (!node || typeof node !== 'object') continue;
      const css = node.attributes?._cssText;
      if (typeof css === 'string' && css.length >= MIN_ASSET_CHARS) {
        found.push({ holder: node.attributes!, key: '_cssText', text: css });
      }
      if (
        node.isStyle &&
        typeof node.textContent === 'string' &&
        node.textContent.length >= MIN_ASSET_CHARS
      ) {
        found.push({
          holder: node as Record<string, unknown>,
          key: 'textContent',
          text: node.textContent,
        });
      }
      if (Array.isArray(node.childNodes)) for (const child of node.childNodes) stack.push(child);
    }
  };

  for (const event of events as { type?: number; data?: Record<string, unknown> }[]) {
    if (event?.type === RRWEB_EVENT.FullSnapshot) visit(event.data?.node as SerializedNode);
    // Mutations: added nodes, and stylesheets that arrive later as a
    // `_cssText` attribute change of their <link>.
    if (
      event?.type === RRWEB_EVENT.IncrementalSnapshot &&
      event.data?.source === RRWEB_SOURCE.Mutation
    ) {
      const { adds, attributes } = event.data;
      if (Array.isArray(adds))
        for (const add of adds as { node?: SerializedNode }[]) visit(add?.node);
      if (Array.isArray(attributes)) {
        for (const change of attributes as { attributes?: Record<string, unknown> }[]) {
          visit({ attributes: change?.attributes });
        }
      }
    }
  }
  for (const { holder, key, text } of found) {
    const digest = await hash(text);
    assets.set(digest, text);
    holder[key] = PREFIX + digest;
  }
  return { events, assets };
}

/** Hashes referenced in a chunk's JSON text. */
export function referencedAssets(json: string): string[] {
  return [...new Set([...json.matchAll(SENTINEL_IN_JSON)].map((m) => m[1]!))];
}

/** Splice stored texts back into a chunk's JSON text, without parsing it. */
export function restoreAssets(json: string, texts: Map<string, string>): string {
  return json.replace(SENTINEL_IN_JSON, (whole, digest: string) => {
    const text = texts.get(digest);
    return text === undefined ? whole : JSON.stringify(text);
  });
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
