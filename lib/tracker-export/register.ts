import { browser } from 'wxt/browser';
import type { TrackerTarget } from '../contracts';
import { onMessage } from '../messaging';
import type { StudyGroupDb } from '../storage';
import { createTrackerClient } from '../trackers';
import { testTrackerConnection } from './connection';

/** Tracker settings and exports are driven from the extension's own pages, never a content script. */
export function fromExtensionPage(sender: { url?: string }, ownRoot: string): boolean {
  return sender.url?.startsWith(ownRoot) === true;
}

const notFromPage = {
  type: 'error',
  retryable: false,
  status: null,
  message: 'Trackers are tested from the extension’s settings page only.',
} as const;

/** Background wiring for trackers: connection tests and the export queue. */
export function registerTrackerExport(_db: StudyGroupDb): void {
  const client = (target: TrackerTarget) =>
    createTrackerClient(target, {
      fetch: (url, init) => fetch(url, init),
      now: () => Date.now(),
    });
  const ownRoot = browser.runtime.getURL('/');
  onMessage('tracker.test', ({ data, sender }) =>
    fromExtensionPage(sender, ownRoot)
      ? testTrackerConnection(data, {
          client,
          hasHostAccess: (origins) => browser.permissions.contains({ origins }),
        })
      : notFromPage,
  );
}
