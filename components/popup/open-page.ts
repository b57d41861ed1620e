import { browser } from 'wxt/browser';

/** Opens one of the extension's pages in a new tab. */
export function openPage(path: '/review.html' | '/options.html') {
  void browser.tabs.create({ url: browser.runtime.getURL(path) });
}
