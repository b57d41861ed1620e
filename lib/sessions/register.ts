import { browser } from 'wxt/browser';
import { onMessage, sendMessage } from '../messaging';
import { createFrictionDetector, type FrictionDetector } from '../friction';
import {
  frictionThresholdsItem,
  loadFrictionThresholds,
  loadPrivacySettings,
  toRecorderPrivacy,
} from '../settings';
import { gzipJson, sha256Hex, type StudyGroupDb } from '../storage';
import { accessPatterns, PORTS_IN_PATTERNS } from './origins';
import { createChromeRecorderScripts } from './recorder-scripts';
import { createSessionService, type SessionService } from './session-service';
import { createSpoolDrain } from './spool';
import {
  LIVE_RECORDING_KEY,
  PAGE_TAB_KEY_PREFIX,
  SPOOL_KEY_PREFIX,
  type PendingCommand,
} from '../contracts';

/** Chrome names the requesting origin `initiator`; Firefox gives `originUrl`. */
function initiatorOf(details: { initiator?: string }): string | undefined {
  return details.initiator ?? (details as { originUrl?: string }).originUrl;
}

const WORKER_SEEN_KEY = 'sg-worker-seen';
const PENDING_KEY = 'sg-pending-command';
const BADGES = {
  recording: { text: 'REC', color: '#b42318' },
  paused: { text: 'II', color: '#6b7280' },
  interrupted: { text: '!', color: '#b45309' },
} as const;

/**
 * Background wiring for sessions and recording. All listeners are added
 * synchronously on worker start, as MV3 requires for events to wake it.
 */
export function registerSessionService(db: StudyGroupDb): SessionService {
  let detector: FrictionDetector | undefined;
  frictionThresholdsItem.watch(() => {
    detector = undefined;
  });
  const service = createSessionService({
    db,
    scripts: createChromeRecorderScripts(
      browser.scripting,
      (tabId) => browser.tabs.reload(tabId),
      { recorder: '/content-scripts/recorder.js', pageWorld: '/content-scripts/page-world.js' },
      { portsInMatchPatterns: PORTS_IN_PATTERNS },
    ),
    sendControl: (tabId, message) => sendMessage('recorder.control', message, tabId),
    getOpenerTabId: async (tabId) =>
      (await browser.tabs.get(tabId).catch(() => undefined))?.openerTabId,
    getPrivacy: async (kit) => {
      const settings = await loadPrivacySettings();
      return toRecorderPrivacy({
        blockSelectors: [...settings.blockSelectors, ...(kit?.blockSelectors ?? [])],
        maskSelectors: [...settings.maskSelectors, ...(kit?.maskSelectors ?? [])],
      });
    },
    keepFullUrls: async (kit) =>
      (await loadPrivacySettings()).keepFullUrls || kit?.keepFullUrls === true,
    hasAccess: (origins) =>
      browser.permissions.contains({ origins: accessPatterns(origins, PORTS_IN_PATTERNS) }),
    async releaseAccess(origins, keep) {
      const kept = new Set(accessPatterns(keep, PORTS_IN_PATTERNS));
      const patterns = accessPatterns(origins, PORTS_IN_PATTERNS).filter((p) => !kept.has(p));
      if (patterns.length === 0) return;
      // Access granted at install (host_permissions, as in the test build) cannot be removed.
      await browser.permissions.remove({ origins: patterns }).catch(() => false);
    },
    pending: {
      async get() {
        const stored = await browser.storage.session.get(PENDING_KEY);
        return (stored[PENDING_KEY] as PendingCommand | undefined) ?? null;
      },
      async set(command) {
        if (command) await browser.storage.session.set({ [PENDING_KEY]: command });
        else await browser.storage.session.remove(PENDING_KEY);
      },
    },
    compress: gzipJson,
    hash: sha256Hex,
    friction: async () => (detector ??= createFrictionDetector(await loadFrictionThresholds())),
    async publishLive(live) {
      if (live) return browser.storage.local.set({ [LIVE_RECORDING_KEY]: live });
      await browser.storage.local.remove(LIVE_RECORDING_KEY);
      const pages = Object.keys(await browser.storage.session.get(null));
      await browser.storage.session.remove(pages.filter((k) => k.startsWith(PAGE_TAB_KEY_PREFIX)));
    },
    showState(status) {
      const badge = status && status !== 'ended' ? BADGES[status] : null;
      void browser.action.setBadgeText({ text: badge?.text ?? '' });
      if (badge) void browser.action.setBadgeBackgroundColor({ color: badge.color });
    },
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
  });

  const senderInfo = (sender: { tab?: { id?: number }; url?: string }) => ({
    tabId: sender.tab?.id,
    url: sender.url,
  });
  onMessage('recorder.hello', async ({ data, sender }) => {
    const answer = await service.hello(senderInfo(sender));
    // Remembered so batches the page spools before it heard this answer find their tab.
    if (answer.type !== 'idle' && typeof data?.pageId === 'string') {
      await browser.storage.session.set({
        [PAGE_TAB_KEY_PREFIX + data.pageId.slice(0, 100)]: answer.tabId,
      });
    }
    return answer;
  });
  onMessage('recorder.batch', ({ data, sender }) => service.ingestBatch(data, senderInfo(sender)));
  onMessage('session.start', ({ data }) => service.start(data));
  onMessage('session.pause', ({ data }) => service.pause(data.sessionId));
  onMessage('session.resume', ({ data }) => service.resume(data.sessionId, data.tabId));
  onMessage('session.stop', ({ data }) => service.stop(data.sessionId));
  onMessage('session.delete', ({ data }) => service.remove(data.sessionId));
  onMessage('session.task', ({ data }) => service.recordTask(data));
  onMessage('session.task-ease', ({ data }) => service.recordEase(data));
  onMessage('session.task-undo', ({ data }) => service.undoTask(data));

  browser.permissions.onAdded.addListener(() => void service.onAccessGranted());

  browser.tabs.onCreated.addListener((tab) => {
    if (tab.id !== undefined) void service.onTabCreated(tab.id, tab.openerTabId);
  });

  const urls = ['http://*/*', 'https://*/*'];
  browser.webRequest.onCompleted.addListener(
    (d) => {
      if (d.tabId < 0 || d.statusCode < 400) return;
      void service.recordRequestFailure({
        tabId: d.tabId,
        ts: d.timeStamp,
        method: d.method,
        url: d.url,
        initiator: initiatorOf(d),
        status: d.statusCode,
        error: '',
      });
    },
    { urls },
  );
  browser.webRequest.onErrorOccurred.addListener(
    (d) => {
      // ERR_ABORTED is a request the page itself cancelled (navigation, abort()).
      if (d.tabId < 0 || d.error === 'net::ERR_ABORTED') return;
      void service.recordRequestFailure({
        tabId: d.tabId,
        ts: d.timeStamp,
        method: d.method,
        url: d.url,
        initiator: initiatorOf(d),
        status: 0,
        error: d.error,
      });
    },
    { urls },
  );

  const spool = createSpoolDrain(
    {
      read: () => browser.storage.local.get(null),
      remove: (keys) => browser.storage.local.remove(keys),
      async tabOf(pageId) {
        const key = PAGE_TAB_KEY_PREFIX + pageId;
        const tabId: unknown = (await browser.storage.session.get(key))[key];
        return typeof tabId === 'number' ? tabId : undefined;
      },
    },
    service.ingestBatch,
  );
  // A page that went away spooled its last batches; writing them wakes the worker.
  browser.storage.onChanged.addListener((changes, area) => {
    const spooled = Object.entries(changes).some(
      ([key, change]) => key.startsWith(SPOOL_KEY_PREFIX) && change.newValue !== undefined,
    );
    if (area === 'local' && spooled) void spool.drain();
  });

  // storage.session is cleared when the browser (or extension) restarts, but
  // survives the worker being stopped: it tells the two apart. Spooled batches
  // go in first, while their session is still the live one.
  void (async () => {
    const seen = await browser.storage.session.get(WORKER_SEEN_KEY);
    await browser.storage.session.set({ [WORKER_SEEN_KEY]: true });
    await spool.drain();
    await service.onWorkerStart(!seen[WORKER_SEEN_KEY]);
  })();

  return service;
}
