import { describe, expect, it, vi } from 'vitest';
import { createBatchQueue } from '@/lib/recording';
import type { BatchRequest, BatchResponse } from '@/lib/contracts';

const segment = { id: 'seg-1', url: 'https://app.example/x', startedAt: 0 };
const realTimers = {
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as number),
};
const payload = (n: number) =>
  JSON.stringify({ events: [{ type: 3, data: {}, timestamp: n }], locations: [] });

function setup(send: (batch: BatchRequest) => Promise<BatchResponse>) {
  const onStop = vi.fn();
  const onGiveUp = vi.fn();
  const queue = createBatchQueue({
    sessionId: 's',
    segment,
    send,
    onStop,
    onGiveUp,
    timers: realTimers,
    maxDelayMs: 1_000,
    retryDelaysMs: [1, 1, 1],
  });
  return { queue, onStop, onGiveUp };
}

describe('batch queue', () => {
  it('numbers page batches without gaps and delivers them in order', async () => {
    const sent: BatchRequest[] = [];
    const { queue } = setup(async (b) => {
      sent.push(b);
      return { type: 'ack' };
    });
    for (let i = 0; i < 3; i++) queue.pushPayload(payload(i));
    await queue.flush();
    expect(sent.map((b) => b.seq)).toEqual([0, 1, 2]);
    expect(sent.map((b) => b.payload)).toEqual([payload(0), payload(1), payload(2)]);
    expect(sent.every((b) => b.segment === segment)).toBe(true);
  });

  it('sends timeline entries with the next payload, or on their own after maxDelayMs', async () => {
    vi.useFakeTimers();
    try {
      const sent: BatchRequest[] = [];
      const { queue } = setup(async (b) => {
        sent.push(b);
        return { type: 'ack' };
      });
      queue.pushTimeline({ type: 'console-error', ts: 1, message: 'a' });
      queue.pushPayload(payload(1));
      await vi.advanceTimersByTimeAsync(0);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.timeline).toHaveLength(1);
      queue.pushTimeline({ type: 'console-error', ts: 2, message: 'b' });
      await vi.advanceTimersByTimeAsync(999);
      expect(sent).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(sent).toHaveLength(2);
      expect(sent[1]).toMatchObject({ seq: 1, payload: null });
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
    queue.pushPayload(payload(0));
    queue.pushPayload(payload(1));
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
    queue.pushPayload(payload(0));
    queue.pushPayload(payload(1));
    await queue.flush();
    expect(onStop).toHaveBeenCalledWith('storage-full');
    queue.pushPayload(payload(2));
    await queue.flush();
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('hands a batch that keeps failing to onGiveUp and goes on with the next', async () => {
    const acked: number[] = [];
    const { queue, onGiveUp } = setup(async (b) => {
      if (b.seq === 0) throw new Error('ingest failed');
      acked.push(b.seq);
      return { type: 'ack' };
    });
    queue.pushPayload(payload(0));
    queue.pushPayload(payload(1));
    await queue.flush();
    expect(onGiveUp).toHaveBeenCalledTimes(1);
    expect(onGiveUp.mock.calls[0]![0]).toMatchObject({ seq: 0, payload: payload(0) });
    expect(acked).toEqual([1]);
  });

  it('lists every unacknowledged batch, in flight included, and still delivers them', async () => {
    let release: (r: BatchResponse) => void = () => {};
    const sent: number[] = [];
    const { queue } = setup((b) => {
      sent.push(b.seq);
      return new Promise((resolve) => (release = resolve));
    });
    queue.pushPayload(payload(0));
    queue.pushPayload(payload(1));
    queue.pushTimeline({ type: 'console-error', ts: 3, message: 'late' });
    const pending = queue.pendingBatches();
    expect(pending.map((b) => b.seq)).toEqual([0, 1, 2]);
    expect(pending[2]).toMatchObject({ payload: null, timeline: [{ message: 'late' }] });
    for (let i = 0; i < 3; i++) {
      await Promise.resolve();
      release({ type: 'ack' });
      await new Promise((r) => setTimeout(r, 0));
    }
    await queue.flush();
    expect(sent).toEqual([0, 1, 2]);
  });
});
