/**
 * The replay frame's document as a data: URL, made from the built replay
 * page's HTML. A data: document gets an opaque origin of its own: no
 * extension APIs, no IndexedDB, no host access to the product. A sandboxed
 * frame (a manifest `sandbox` page) would be opaque too, but its sandbox
 * flags pass to the about:blank iframe rrweb replays into, which then gets
 * another opaque origin that rrweb cannot reach. The page's scripts and
 * styles stay extension files, named here by absolute URL.
 */
export function replayFrameDataUrl(html: string, extensionOrigin: string): string {
  const absolute = html.replace(/\b(src|href)="\/(?!\/)/g, `$1="${extensionOrigin}/`);
  return `data:text/html;charset=utf-8,${encodeURIComponent(absolute)}`;
}
