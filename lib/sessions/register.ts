import { browser } from 'wxt/browser';
import { onMessage, sendMessage, type PendingCommand } from '../messaging';
import { createFrictionDetector, type FrictionDetector } from '../friction';
import {
  frictionThresholdsItem,
  loadFrictionThresholds,
  loadPrivacySettings,
  toRecorderPrivacy,
} from '../settings';
import { gzipJson, sha256Hex, type StudyGroupDb } from '../storage';
import { toPermissionPattern } from './origins';
import { createChromeRecorderScripts } from './recorder-scripts';
import { createSessionService, type SessionService } from './session-service';

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
      { recorder: '/content-scripts/recorder.js', pageWorld: '/content-scripts/page-world.js' },
      { portsInMatchPatterns: !import.meta.env.FIREFOX },
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
      browser.permissions.contains({ origins: origins.map(toPermissionPattern) }),
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
  onMessage('recorder.hello', ({ sender }) => service.hello(senderInfo(sender)));
  onMessage('recorder.batch', ({ data, sender }) => service.ingestBatch(data, senderInfo(sender)));
  onMessage('session.start', ({ data }) => service.start(data));
  onMessage('session.pause', ({ data }) => service.pause(data.sessionId));
  onMessage('session.resume', ({ data }) => service.resume(data.sessionId, data.tabId));
  onMessage('session.stop', ({ data }) => service.stop(data.sessionId));
  onMessage('session.task', ({ data }) => service.recordTask(data));

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

  // storage.session is cleared when the browser (or extension) restarts, but
  // survives the worker being stopped: it tells the two apart.
  void (async () => {
    const seen = await browser.storage.session.get(WORKER_SEEN_KEY);
    await browser.storage.session.set({ [WORKER_SEEN_KEY]: true });
    await service.onWorkerStart(!seen[WORKER_SEEN_KEY]);
  })();

  return service;
}
