import { describe, expect, it, vi } from 'vitest';
import { createSpoolDrain } from '@/lib/sessions/spool';
import type { BatchRequest } from '@/lib/contracts';

const batch = (segment: string, startedAt: number, seq: number): BatchRequest => ({
  sessionId: 's',
  segment: { id: segment, url: 'https://app.example/', startedAt },
  seq,
  payload: null,
  timeline: [],
});

function store(entries: Record<string, unknown>, tabs: Record<string, number> = {}) {
  const data = { ...entries };
  return {
    data,
    read: async () => ({ ...data }),
    remove: async (keys: string[]) => keys.forEach((k) => delete data[k]),
    tabOf: async (pageId: string) => tabs[pageId],
  };
}

describe('spool drain', () => {
  it('ingests spooled batches oldest segment first and in sequence, then removes them', async () => {
    const s = store({
      setting: { keep: true },
      'sg-spool:b:1': { pageId: 'p2', tabId: 4, batch: batch('b', 20, 1) },
      'sg-spool:a:10': { pageId: 'p1', tabId: 4, batch: batch('a', 10, 10) },
      'sg-spool:b:0': { pageId: 'p2', tabId: 4, batch: batch('b', 20, 0) },
      'sg-spool:a:2': { pageId: 'p1', tabId: 4, batch: batch('a', 10, 2) },
    });
    const seen: string[] = [];
    const ingest = vi.fn(async (raw: unknown, sender: { tabId: number | undefined }) => {
      const b = raw as BatchRequest;
      seen.push(`${b.segment.id}:${b.seq}@${sender.tabId}`);
      return { type: 'ack' as const };
    });
    await createSpoolDrain(s, ingest).drain();
    expect(seen).toEqual(['a:2@4', 'a:10@4', 'b:0@4', 'b:1@4']);
    expect(Object.keys(s.data)).toEqual(['setting']);
  });

  it("finds the tab of a page that spooled before it heard its hello answer, and drops a page's that was never answered", async () => {
    const s = store(
      {
        'sg-spool:a:0': { pageId: 'answered', tabId: -1, batch: batch('a', 1, 0) },
        'sg-spool:b:0': { pageId: 'stranger', tabId: -1, batch: batch('b', 2, 0) },
      },
      { answered: 9 },
    );
    const tabs: (number | undefined)[] = [];
    await createSpoolDrain(s, async (_raw, sender) => {
      tabs.push(sender.tabId);
      return { type: 'ack' };
    }).drain();
    expect(tabs).toEqual([9]);
    expect(s.data).toEqual({});
  });

  it('removes a batch that ingest refused or threw on, so it is never tried again', async () => {
    const s = store({ 'sg-spool:a:0': { pageId: 'p', tabId: 1, batch: batch('a', 1, 0) } });
    const ingest = vi.fn(async () => {
      throw new Error('broken');
    });
    const drain = createSpoolDrain(s, ingest);
    await drain.drain();
    await drain.drain();
    expect(ingest).toHaveBeenCalledTimes(1);
    expect(s.data).toEqual({});
  });
});
