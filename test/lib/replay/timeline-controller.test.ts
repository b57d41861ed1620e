import { describe, expect, it } from 'vitest';
import {
  createTimelineController,
  type ChunkWindow,
  type TimelineChunk,
  type TimelinePiece,
  type ToReplayFrame,
} from '@/lib/replay';
import type { RrwebEvent } from '@/lib/contracts';

/** Page a (0..10 s, events until 9 s, a checkout at 5 s) then page b (10..30 s, events until 12 s). */
const pieces: TimelinePiece[] = [
  { segmentId: 'a', from: 0, to: 10_000 },
  { segmentId: 'b', from: 10_000, to: 30_000 },
];
const chunks: Record<string, TimelineChunk[]> = {
  a: [
    { seq: 0, firstTs: 0, lastTs: 3_000, snapshotAt: 0 },
    { seq: 1, firstTs: 3_000, lastTs: 4_000 },
    { seq: 2, firstTs: 5_000, lastTs: 6_000, snapshotAt: 5_000 },
    { seq: 3, firstTs: 6_500, lastTs: 9_000 },
  ],
  b: [{ seq: 0, firstTs: 10_000, lastTs: 12_000, snapshotAt: 10_000 }],
};

function eventsOf(window: ChunkWindow): RrwebEvent[] {
  return [
    {
      type: 4,
      timestamp: window.start,
      data: { href: 'https://a.test/', width: 800, height: 600 },
    },
    { type: 2, timestamp: window.start, data: {} },
    { type: 3, timestamp: window.end, data: {} },
  ] as unknown as RrwebEvent[];
}

function setup() {
  const sent: ToReplayFrame[] = [];
  const reads: string[] = [];
  let now = 0;
  let tick: (() => void) | null = null;
  const controller = createTimelineController({
    pieces,
    chunksOf: (id) => chunks[id] ?? [],
    loadEvents: async (id, window) => {
      reads.push(`${id}:${window.fromSeq}-${window.toSeq}`);
      return eventsOf(window);
    },
    onChange: () => undefined,
    clock: {
      now: () => now,
      setInterval: (run) => {
        tick = run;
        return 1;
      },
      clearInterval: () => {
        tick = null;
      },
    },
  });
  controller.attach((message) => sent.push(message));
  const lastLoad = () =>
    sent.filter((m) => m.type === 'load').at(-1) as ToReplayFrame & { type: 'load' };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const advance = (ms: number) => {
    now += ms;
    tick?.();
  };
  return { controller, sent, reads, lastLoad, settle, advance, idling: () => tick !== null };
}

describe('the timeline controller', () => {
  it('shows the first page load from its start, paused', async () => {
    const { controller, lastLoad, settle } = setup();
    await settle();
    expect(lastLoad()).toMatchObject({ at: 0, play: false, speed: 1, skipInactive: true });
    expect(controller.state()).toMatchObject({ playhead: 0, playing: false, segmentId: 'a' });
  });

  it('seeks inside what is loaded without reading again, and reads only the window of a far seek', async () => {
    const { controller, sent, reads, lastLoad, settle } = setup();
    await settle();
    await controller.seek(2_000);
    expect(sent.at(-1)).toEqual({ type: 'seek', at: 2_000, play: false });
    await controller.seek(7_000, { play: true });
    expect(reads).toEqual(['a:0-2', 'a:1-3']);
    // From the checkout's Meta: the window holds what came before only as its first chunk.
    expect(lastLoad()).toMatchObject({ at: 7_000, play: true });
    expect(lastLoad().events[0]!.timestamp).toBe(5_000);
    expect(controller.state()).toMatchObject({ playhead: 7_000, playing: true, segmentId: 'a' });
  });

  it('plays on into the next page load by itself, and stops at the end', async () => {
    const { controller, lastLoad, settle, advance, idling } = setup();
    await settle();
    controller.play();
    await settle();
    const first = lastLoad();
    controller.receive({ type: 'time', id: first.id, at: 3_000 });
    expect(controller.state().playhead).toBe(3_000);
    // The first window played out at 6 s: the next one (from the checkout at 5 s) goes on from there.
    controller.receive({ type: 'finish', id: first.id, at: 6_000 });
    await settle();
    expect(lastLoad()).toMatchObject({ at: 6_000, play: true });
    expect(lastLoad().events[0]!.timestamp).toBe(5_000);
    // Page a's last event at 9 s; it shows until b loads at 10 s (the clock runs on).
    controller.receive({ type: 'finish', id: lastLoad().id, at: 9_000 });
    expect(idling()).toBe(true);
    advance(600);
    expect(controller.state().playhead).toBe(9_600);
    advance(600);
    await settle();
    expect(lastLoad()).toMatchObject({ at: 10_000, play: true });
    expect(controller.state().segmentId).toBe('b');
    // b's events end at 12 s, the session at 30 s: 18 s of stillness, skipped.
    controller.receive({ type: 'finish', id: lastLoad().id, at: 12_000 });
    expect(controller.state()).toMatchObject({ playhead: 30_000, playing: false });
    expect(idling()).toBe(false);
  });

  it('jumps long stillness when inactivity is skipped, waits through it when not', async () => {
    const { controller, lastLoad, settle, advance, idling } = setup();
    await settle();
    await controller.seek(10_000, { play: true });
    controller.receive({ type: 'finish', id: lastLoad().id, at: 12_000 });
    expect(idling()).toBe(false);
    expect(controller.state()).toMatchObject({ playhead: 30_000, playing: false });
    controller.setSkipInactive(false);
    await controller.seek(10_000, { play: true });
    controller.receive({ type: 'finish', id: lastLoad().id, at: 12_000 });
    expect(idling()).toBe(true);
    controller.setSpeed(8);
    advance(1_000);
    expect(controller.state().playhead).toBe(20_000);
    advance(2_000);
    expect(controller.state()).toMatchObject({ playhead: 30_000, playing: false });
  });

  it('ignores what the frame says about events it no longer shows', async () => {
    const { controller, lastLoad, settle } = setup();
    await settle();
    const old = lastLoad();
    await controller.seek(15_000, { play: true });
    controller.receive({ type: 'time', id: old.id, at: 1_000 });
    controller.receive({ type: 'finish', id: old.id, at: 4_000 });
    expect(controller.state()).toMatchObject({ playhead: 15_000, playing: true, segmentId: 'b' });
  });

  it('passes speed and inactivity to the frame, and only the speeds it offers', async () => {
    const { controller, sent, settle } = setup();
    await settle();
    controller.setSpeed(4);
    controller.setSpeed(3);
    expect(sent.filter((m) => m.type === 'config')).toEqual([
      { type: 'config', speed: 4, skipInactive: true },
    ]);
    expect(controller.state().speed).toBe(4);
  });

  it('shows why a page load cannot be replayed, and clears it on the next load', async () => {
    const { controller, lastLoad, settle } = setup();
    await settle();
    controller.receive({ type: 'error', id: lastLoad().id, message: 'broken Meta' });
    expect(controller.state()).toMatchObject({ error: 'broken Meta', playing: false });
    await controller.seek(11_000);
    expect(controller.state().error).toBeNull();
  });
});
