import { browser } from 'wxt/browser';
import type { TrackerTarget } from '../contracts';
import { onMessage } from '../messaging';
import { loadTrackerTarget } from '../settings';
import type { StudyGroupDb } from '../storage';
import { createTrackerClient } from '../trackers';
import { testTrackerConnection } from './connection';
import { screenshotEvidence, type EvidenceSource } from './drafts';
import { createExportService, type ExportService } from './export-service';

/** The alarm that wakes the worker for items waiting to retry. */
export const EXPORT_ALARM = 'sg-export-retry';

/** Tracker settings and exports are driven from the extension's own pages, never a content script. */
export function fromExtensionPage(sender: { url?: string }, ownRoot: string): boolean {
  return sender.url?.startsWith(ownRoot) === true;
}

/** "Chrome 156" or "Firefox 153" from a user agent; null for anything else. */
export function browserName(userAgent: string): string | null {
  const firefox = /Firefox\/(\d+)/.exec(userAgent);
  if (firefox) return `Firefox ${firefox[1]}`;
  const edge = /Edg\/(\d+)/.exec(userAgent);
  if (edge) return `Edge ${edge[1]}`;
  const chrome = /Chrom(?:e|ium)\/(\d+)/.exec(userAgent);
  return chrome ? `Chrome ${chrome[1]}` : null;
}

const notFromPage = 'Exports are started from the extension’s own pages only.';

export interface TrackerExportOptions {
  /** Where the files of a finding come from; screenshots unless told otherwise. */
  evidence?: EvidenceSource;
}

/** Background wiring for trackers: connection tests and the export queue. */
export function registerTrackerExport(
  db: StudyGroupDb,
  options: TrackerExportOptions = {},
): ExportService {
  const client = (target: TrackerTarget) =>
    createTrackerClient(target, {
      fetch: (url, init) => fetch(url, init),
      now: () => Date.now(),
    });
  const hasHostAccess = (origins: string[]) => browser.permissions.contains({ origins });
  const service = createExportService({
    db,
    loadTarget: loadTrackerTarget,
    client,
    hasHostAccess,
    evidence: options.evidence ?? screenshotEvidence,
    browser: browserName(globalThis.navigator?.userAgent ?? ''),
    now: () => Date.now(),
    random: () => Math.random(),
    newId: () => crypto.randomUUID(),
    isOnline: () => globalThis.navigator?.onLine !== false,
    wakeAt: async (at) => {
      if (at === null) await browser.alarms.clear(EXPORT_ALARM);
      else await browser.alarms.create(EXPORT_ALARM, { when: at });
    },
    log: (line) => console.warn(line),
  });
  const ownRoot = browser.runtime.getURL('/');
  onMessage('tracker.test', ({ data, sender }) =>
    fromExtensionPage(sender, ownRoot)
      ? testTrackerConnection(data, { client, hasHostAccess })
      : {
          type: 'error',
          retryable: false,
          status: null,
          message: 'Trackers are tested from the extension’s settings page only.',
        },
  );
  onMessage('export.enqueue', ({ data, sender }) =>
    fromExtensionPage(sender, ownRoot)
      ? service.enqueue(data)
      : { type: 'error', message: notFromPage },
  );
  onMessage('export.cancel', ({ data, sender }) =>
    fromExtensionPage(sender, ownRoot)
      ? service.cancel(data)
      : { type: 'error', message: notFromPage },
  );
  onMessage('export.retry', ({ data, sender }) =>
    fromExtensionPage(sender, ownRoot)
      ? service.retry(data)
      : { type: 'error', message: notFromPage },
  );
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === EXPORT_ALARM) void service.resume();
  });
  globalThis.addEventListener?.('online', () => void service.online());
  // A worker that died mid-export picks its queue up again as it starts.
  void service.resume();
  return service;
}
