import { browser } from 'wxt/browser';
import { createToolbarIcon, TOOLBAR_ICON_KEY } from './toolbar-icon';
import { LIVE_RECORDING_KEY } from '../contracts';

/**
 * Background wiring: the icon follows the published live session, which is
 * there exactly while a session records (lib/sessions publishes and
 * withdraws it with every status change).
 */
export function registerToolbarIcon(): void {
  const icon = createToolbarIcon({
    setIcon: (path) => browser.action.setIcon({ path }),
    remember: (shown) => browser.storage.session.set({ [TOOLBAR_ICON_KEY]: shown }),
  });
  browser.storage.onChanged.addListener((changes, area) => {
    const live = changes[LIVE_RECORDING_KEY];
    if (area === 'local' && live) void icon.show(live.newValue !== undefined);
  });
  void browser.storage.local
    .get(LIVE_RECORDING_KEY)
    .then((stored) => icon.show(stored[LIVE_RECORDING_KEY] !== undefined))
    .catch(() => undefined);
}
