import { describe, expect, it, vi } from 'vitest';
import type { BatchRequest, BatchResponse } from '@/lib/messaging';
import { createBatchQueue } from '@/lib/recording';
import type { RrwebEvent } from '@/lib/storage';

const event = (timestamp: number) =>
  ({ type: 3, data: { source: 0 }, timestamp }) as unknown as RrwebEvent;
const segment = { id: 'seg-1', url: 'https://app.example/x', startedAt: 0 };
const realTimers = {
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as number),
};

function setup(send: (batch: BatchRequest) => Promise<BatchResponse>, overrides = {}) {
  const onStop = vi.fn();
  const queue = createBatchQueue({
    sessionId: 's',
    segment,
    send,
    onStop,
    timers: realTimers,
    maxEvents: 3,
    maxDelayMs: 1_000,
    retryDelaysMs: [1, 1, 1],
    ...overrides,
  });
  return { queue, onStop };
}

describe('batch queue', () => {
  it('cuts a batch at maxEvents and numbers batches without gaps', async () => {
    const sent: BatchRequest[] = [];
    const { queue } = setup(async (b) => {
      sent.push(b);
      return { type: 'ack' };
    });
    for (let i = 0; i < 7; i++) queue.push(event(i));
    await queue.flush();
    expect(sent.map((b) => b.seq)).toEqual([0, 1, 2]);
    expect(sent.map((b) => b.events.length)).toEqual([3, 3, 1]);
    expect(sent.flatMap((b) => b.events.map((e) => e.timestamp))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(sent.every((b) => b.segment === segment)).toBe(true);
  });

  it('cuts a batch after maxDelayMs even when few events came', async () => {
    vi.useFakeTimers();
    try {
      const sent: BatchRequest[] = [];
      const { queue } = setup(
        async (b) => {
          sent.push(b);
          return { type: 'ack' };
        },
        {
          timers: {
            setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
            clearTimeout: (h: unknown) => clearTimeout(h as number),
          },
        },
      );
      queue.push(event(1));
      await vi.advanceTimersByTimeAsync(999);
      expect(sent).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(sent).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('resends an unacknowledged batch with the same number, keeping order', async () => {
    const attempts: number[] = [];
    let failures = 2;
    const { queue } = setup(async (b) => {
      attempts.push(b.seq);
      if (b.seq === 0 && failures-- > 0) throw new Error('Receiving end does not exist');
      return { type: 'ack' };
    });
    for (let i = 0; i < 6; i++) queue.push(event(i));
    await queue.flush();
    expect(attempts).toEqual([0, 0, 0, 1]);
    expect(queue.unacknowledged).toBe(0);
  });

  it('stops and reports when the background refuses', async () => {
    const send = vi.fn(async (): Promise<BatchResponse> => ({
      type: 'stop',
      reason: 'storage-full',
    }));
    const { queue, onStop } = setup(send);
    for (let i = 0; i < 6; i++) queue.push(event(i));
    await queue.flush();
    expect(onStop).toHaveBeenCalledWith('storage-full');
    queue.push(event(9));
    await queue.flush();
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('carries timeline entries in the same numbered batches', async () => {
    const sent: BatchRequest[] = [];
    const { queue } = setup(async (b) => {
      sent.push(b);
      return { type: 'ack' };
    });
    queue.pushTimeline({ type: 'console-error', ts: 5, message: 'boom' });
    await queue.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.timeline).toEqual([{ type: 'console-error', ts: 5, message: 'boom' }]);
    expect(sent[0]!.events).toEqual([]);
  });
});
