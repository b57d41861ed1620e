import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ProtocolMap, SessionRecord } from '@/lib/contracts';

type Listener = (message: unknown, sender: unknown, sendResponse: (r: unknown) => void) => unknown;
type Sender = { tab?: { id?: number; windowId?: number }; url?: string };

/**
 * Delivers messages to the handlers `@webext-core/messaging` registers on
 * runtime.onMessage, with the sendResponse that fake-browser's trigger lacks.
 * Call before the code under test adds its listener.
 */
export function captureMessages() {
  const spy = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
  let id = 0;
  return function send<K extends keyof ProtocolMap>(
    type: K,
    data: Parameters<ProtocolMap[K]>[0],
    sender: Sender = {},
  ): Promise<ReturnType<ProtocolMap[K]>> {
    const listener = spy.mock.calls[0]?.[0] as Listener | undefined;
    if (!listener) throw new Error('no runtime.onMessage listener was added');
    return new Promise((resolve, reject) => {
      const message = { id: ++id, type, data, timestamp: Date.now() };
      listener(message, sender, (response) => {
        const { res, err } = response as { res?: unknown; err?: unknown };
        if (err !== undefined) reject(new Error(JSON.stringify(err)));
        else resolve(res as ReturnType<ProtocolMap[K]>);
      });
    });
  };
}

/** An extension event fake-browser does not implement, with a way to fire it. */
export function fakeEvent<A extends unknown[]>() {
  const listeners: ((...args: A) => unknown)[] = [];
  return {
    addListener: (fn: (...args: A) => unknown) => void listeners.push(fn),
    removeListener: (fn: (...args: A) => unknown) =>
      void listeners.splice(listeners.indexOf(fn), 1),
    hasListener: (fn: (...args: A) => unknown) => listeners.includes(fn),
    fire: (...args: A) => listeners.map((fn) => fn(...args)),
  };
}

/** Replaces `api[key]` on the fake browser for one test (restored by vi.restoreAllMocks). */
export function stubApi<T extends object>(api: T, key: string, value: unknown): void {
  Object.defineProperty(api, key, { value, configurable: true, writable: true });
}

/** A quick session recording in `tabId` since a minute ago, as the background stores it. */
export function recordingSession(id: string, origin: string, tabId: number): SessionRecord {
  const startedAt = Date.now() - 60_000;
  return {
    id,
    title: 'Checkout',
    participant: 'P1',
    origins: [origin],
    tabIds: [tabId],
    status: 'recording',
    startedAt,
    endedAt: null,
    activeMs: 0,
    runStartedAt: startedAt,
    endReason: null,
    stats: { bytes: 0, events: 0, pages: 0 },
    study: null,
    tasks: [],
    goalReached: null,
    keepFullUrls: false,
  };
}
