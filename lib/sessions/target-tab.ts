export interface TabInfo {
  id?: number;
  url?: string;
  active?: boolean;
  lastAccessed?: number;
}

export interface TabQuery {
  query(filter: {
    active?: boolean;
    lastFocusedWindow?: boolean;
    windowType?: 'normal';
  }): Promise<TabInfo[]>;
}

const isWebPage = (tab: TabInfo) => /^https?:/.test(tab.url ?? '');

/**
 * The web page the popup acts on: the active tab of the last focused normal
 * window, or, when the popup itself is open as a tab (or that tab shows no
 * web page), the most recently used tab showing a web page.
 */
export async function resolveTargetTab(tabs: TabQuery): Promise<TabInfo | null> {
  const [active] = await tabs.query({
    active: true,
    lastFocusedWindow: true,
    windowType: 'normal',
  });
  if (active && isWebPage(active) && active.id !== undefined) return active;
  const candidates = (await tabs.query({ windowType: 'normal' })).filter(
    (t) => isWebPage(t) && t.id !== undefined,
  );
  candidates.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return candidates[0] ?? active ?? null;
}
