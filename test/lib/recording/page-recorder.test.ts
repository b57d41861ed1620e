// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createPageRecorder, type ChannelPort } from '@/lib/recording';
import {
  CHANNEL,
  type BatchRequest,
  type ControlMessage,
  type HelloResponse,
  type LiveRecording,
  type SpooledBatch,
} from '@/lib/contracts';

const privacy = { blockSelector: '.sg-block', maskTextSelector: '.sg-mask' };
const live: LiveRecording = { sessionId: 's1', origins: [location.origin], privacy };

/** The page-world side, as the isolated recorder sees it over the channel. */
function fakePageWorld() {
  const handlers = new Map<string, (detail: string) => void>();
  const commands: string[] = [];
  const port: ChannelPort = {
    send: (type, detail) => {
      if (type === CHANNEL.command) commands.push(JSON.parse(detail).type);
    },
    on: (type, handler) => void handlers.set(type, handler),
  };
  return {
    port,
    commands,
    batch: (n: number) =>
      handlers.get(CHANNEL.batch)?.(
        JSON.stringify({ events: [{ type: 3, timestamp: n }], locations: [] }),
      ),
    fault: (text: string) => handlers.get(CHANNEL.fault)?.(text),
  };
}

function deferred<T>() {
  let resolve: (v: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function setup(options: { hello: () => Promise<HelloResponse>; live?: LiveRecording | null }) {
  const world = fakePageWorld();
  const sent: BatchRequest[] = [];
  const spooled: SpooledBatch[] = [];
  let control: (m: ControlMessage) => Promise<void> = async () => {};
  let id = 0;
  const recorder = createPageRecorder({
    hello: options.hello,
    readLive: async () => options.live ?? null,
    sendBatch: async (b) => {
      sent.push(b);
      return { type: 'ack' };
    },
    spool: (batches) => spooled.push(...batches),
    onControl: (handler) => {
      control = handler;
      return () => {};
    },
    connect: (onConnect) => onConnect(world.port),
    win: window,
    now: () => 1_000,
    newId: () => `id-${id++}`,
    timers: {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as number),
    },
  });
  return { recorder, world, sent, spooled, control: (m: ControlMessage) => control(m) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const answer = (type: 'record' | 'paused' = 'record', sessionId = 's1'): HelloResponse => ({
  type,
  sessionId,
  tabId: 7,
  privacy,
});

describe('page recorder', () => {
  it('starts from the published session before the worker answers, and sends only once it has', async () => {
    const hello = deferred<HelloResponse>();
    const { recorder, world, sent } = setup({ hello: () => hello.promise, live });
    const booted = recorder.boot();
    await tick();
    expect(recorder.state).toBe('recording');
    expect(world.commands).toEqual(['start']);
    world.batch(1);
    await tick();
    expect(sent).toEqual([]);
    hello.resolve(answer());
    await booted;
    await tick();
    expect(sent.map((b) => [b.sessionId, b.seq])).toEqual([['s1', 0]]);
  });

  it('spools what is unacknowledged when the page goes away before the answer came', async () => {
    const { recorder, world, spooled } = setup({ hello: () => new Promise(() => {}), live });
    void recorder.boot();
    await tick();
    world.batch(1);
    window.dispatchEvent(new Event('pagehide'));
    expect(world.commands).toEqual(['start', 'flush']);
    expect(spooled).toHaveLength(1);
    expect(spooled[0]).toMatchObject({
      pageId: 'id-0',
      tabId: -1,
      batch: { seq: 0, sessionId: 's1' },
    });
  });

  it('drops an early start the worker does not confirm, sending nothing', async () => {
    const { recorder, world, sent } = setup({ hello: async () => ({ type: 'idle' }), live });
    await recorder.boot();
    world.batch(1);
    await tick();
    expect(recorder.state).toBe('stopped');
    expect(world.commands).toContain('stop');
    expect(sent).toEqual([]);
    expect(document.documentElement.hasAttribute('data-study-group')).toBe(false);
  });

  it('retries a hello the waking worker did not answer, then records', async () => {
    let calls = 0;
    const { recorder, world } = setup({
      hello: async () => {
        if (calls++ < 2) throw new Error('Could not establish connection');
        return answer();
      },
    });
    await recorder.boot();
    expect(calls).toBe(3);
    expect(recorder.state).toBe('recording');
    expect(world.commands).toEqual(['start']);
  });

  it('pauses into a new segment on resume, and reports our own page-world faults on the timeline', async () => {
    const { recorder, world, sent, control } = setup({ hello: async () => answer() });
    await recorder.boot();
    world.batch(1);
    world.fault('TypeError: ours');
    await control({ type: 'pause' });
    expect(recorder.state).toBe('paused');
    await control({ type: 'resume' });
    world.batch(2);
    await control({ type: 'stop' });
    expect(world.commands).toEqual(['start', 'stop', 'start', 'stop']);
    const segments = [...new Set(sent.map((b) => b.segment.id))];
    expect(segments).toHaveLength(2);
    expect(sent.flatMap((b) => b.timeline)).toEqual([
      { type: 'recorder-error', ts: 1_000, message: 'TypeError: ours' },
    ]);
  });
});
