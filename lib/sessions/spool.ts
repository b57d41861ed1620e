import type { MessageSenderInfo } from './session-context';
import { SPOOL_KEY_PREFIX, type BatchResponse } from '../contracts';

export interface SpoolStore {
  /** Everything in the store (storage.local); spooled batches are picked out by key. */
  read(): Promise<Record<string, unknown>>;
  remove(keys: string[]): Promise<void>;
  /** The tab of a page whose hello was answered (it may not have heard the answer). */
  tabOf(pageId: string): Promise<number | undefined>;
}

interface Spooled {
  key: string;
  pageId: unknown;
  tabId: unknown;
  batch: { seq?: unknown; segment?: { id?: unknown; startedAt?: unknown } } | undefined;
}

/** Detectors follow a tab's batches in order: oldest segment first, then by sequence. */
function inOrder(a: Spooled, b: Spooled): number {
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  return (
    num(a.batch?.segment?.startedAt) - num(b.batch?.segment?.startedAt) ||
    String(a.batch?.segment?.id).localeCompare(String(b.batch?.segment?.id)) ||
    num(a.batch?.seq) - num(b.batch?.seq)
  );
}

/**
 * Takes in the batches pages spooled to storage.local (page-recorder.ts):
 * those of a page that went away before the worker acknowledged them, or
 * that could not be delivered. Each goes through ordinary ingest, which
 * validates it and drops what is already stored, and is removed once
 * handled, whatever the answer: a spooled batch is tried once, never twice.
 */
export function createSpoolDrain(
  store: SpoolStore,
  ingest: (raw: unknown, sender: MessageSenderInfo) => Promise<BatchResponse>,
) {
  async function drainOnce(): Promise<void> {
    const all = await store.read();
    const spooled = Object.entries(all)
      .filter(([key]) => key.startsWith(SPOOL_KEY_PREFIX))
      .map(([key, value]): Spooled => {
        const entry = (value ?? {}) as Partial<Omit<Spooled, 'key'>>;
        return { key, pageId: entry.pageId, tabId: entry.tabId, batch: entry.batch };
      })
      .sort(inOrder);
    for (const { key, pageId, tabId, batch } of spooled) {
      const tab =
        Number.isInteger(tabId) && (tabId as number) >= 0
          ? (tabId as number)
          : typeof pageId === 'string'
            ? await store.tabOf(pageId)
            : undefined;
      // A page whose hello was never answered with a session is not one of ours to record.
      if (tab !== undefined) {
        await ingest(batch, { tabId: tab, url: undefined }).catch(() => undefined);
      }
      await store.remove([key]);
    }
  }

  let running: Promise<void> = Promise.resolve();
  return {
    /** Drains one pass at a time; a call while one runs queues another. */
    drain(): Promise<void> {
      running = running.then(drainOnce, drainOnce);
      return running;
    },
  };
}
