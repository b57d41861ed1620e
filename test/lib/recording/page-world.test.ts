import type { record as rrwebRecord } from '@rrweb/record';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { installPageWorld, isolatedDom, openChannel, type ChannelPort } from '@/lib/recording';
import { CHANNEL, type PagePayload, type RrwebEvent } from '@/lib/contracts';

type Options = {
  emit(e: RrwebEvent): void;
  blockSelector?: string;
  errorHandler?(e: unknown): boolean;
};

/** rrweb stand-in: remembers its options; the test decides when it "snapshots". */
function fakeRecord() {
  const runs: Options[] = [];
  const record = ((options: Options) => {
    runs.push(options);
    return () => {};
  }) as unknown as typeof rrwebRecord;
  (record as unknown as { mirror: { getId(n: Node): number } }).mirror = { getId: () => 42 };
  return { record, runs };
}

type PageWindow = globalThis.Window & typeof globalThis;

/** A fresh page: both worlds share it, the isolated side runs first. */
function connect() {
  const win = new Window({ url: 'https://app.example/' }) as unknown as PageWindow;
  let port: ChannelPort | null = null;
  openChannel(isolatedDom(win), (p) => (port = p));
  const { record, runs } = fakeRecord();
  installPageWorld(win, record);
  const batches: PagePayload[] = [];
  const faults: string[] = [];
  port!.on(CHANNEL.batch, (d) => batches.push(JSON.parse(d)));
  port!.on(CHANNEL.fault, (d) => faults.push(d));
  const command = (c: object) => port!.send(CHANNEL.command, JSON.stringify(c));
  return { win, runs, batches, faults, command };
}

const privacy = (block: string) => ({ blockSelector: block, maskTextSelector: '.sg-mask' });
const event = (type: number, timestamp: number) => ({ type, timestamp, data: {} }) as RrwebEvent;

describe('page-world recorder', () => {
  it('keeps the privacy selectors of the first start for the life of the page', () => {
    const { runs, command } = connect();
    command({ type: 'start', privacy: privacy('.secret') });
    command({ type: 'stop' });
    command({ type: 'start', privacy: privacy('') });
    expect(runs.map((r) => r.blockSelector)).toEqual(['.secret', '.secret']);
  });

  it('holds signals observed before the first snapshot and emits them right after it', () => {
    const { win, runs, batches, command } = connect();
    command({ type: 'start', privacy: privacy('') });
    win.document.body.innerHTML = '<button id="b">Go</button>';
    win.document.getElementById('b')!.click();
    const { emit } = runs[0]!;
    emit(event(4, 10));
    emit(event(2, 11));
    command({ type: 'flush' });
    const types = batches.flatMap((b) => b.events.map((e) => e.type));
    expect(types).toEqual([4, 2, 5]);
    expect(batches[0]!.events[2]!.data).toMatchObject({ tag: 'sg-click', payload: { id: 42 } });
  });

  it('hands a batch over at 200 events', () => {
    const { runs, batches, command } = connect();
    command({ type: 'start', privacy: privacy('') });
    for (let i = 0; i < 450; i++) runs[0]!.emit(event(3, i));
    expect(batches.map((b) => b.events.length)).toEqual([200, 200]);
  });

  it("reports rrweb's own exceptions as faults and swallows them", () => {
    const { runs, faults, command } = connect();
    command({ type: 'start', privacy: privacy('') });
    expect(runs[0]!.errorHandler?.(new Error('rrweb broke'))).toBe(true);
    expect(faults[0]).toContain('rrweb broke');
  });

  it('ignores what is not a command, on the channel or on window', () => {
    const { win, runs, command } = connect();
    command({ type: 'start', privacy: { blockSelector: 1 } });
    win.dispatchEvent(
      new win.CustomEvent('studygroup:command', {
        detail: JSON.stringify({ type: 'start', privacy: privacy('') }),
      }),
    );
    expect(runs).toEqual([]);
  });
});
