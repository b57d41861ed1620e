import { describe, expect, it } from 'vitest';
import {
  buildRecordOptions,
  createRateLimiter,
  createTypedValueRedactor,
  parseProbeDetail,
} from '@/lib/recording';
import { toRecorderPrivacy } from '@/lib/settings';

describe('probe events from the page world', () => {
  it('accepts well-formed messages and stamps them', () => {
    const detail = JSON.stringify({ type: 'unhandled-rejection', reason: 'nope' });
    expect(parseProbeDetail(detail, 42)).toEqual({
      type: 'unhandled-rejection',
      reason: 'nope',
      ts: 42,
    });
  });

  it('rejects forged or malformed input', () => {
    expect(parseProbeDetail({ type: 'console-error', message: 'x' }, 1)).toBeNull(); // not a string
    expect(parseProbeDetail('{nope', 1)).toBeNull();
    expect(parseProbeDetail(JSON.stringify({ type: 'request-failed', url: 'x' }), 1)).toBeNull();
    expect(parseProbeDetail(JSON.stringify({ type: 'js-error', message: 'x' }), 1)).toBeNull();
    expect(parseProbeDetail('x'.repeat(20_000), 1)).toBeNull();
  });

  it('clips long text and drops unknown fields', () => {
    const detail = JSON.stringify({ type: 'console-error', message: 'm'.repeat(5_000), evil: 'x' });
    const entry = parseProbeDetail(detail, 1);
    expect(entry).toEqual({ type: 'console-error', message: 'm'.repeat(1_000), ts: 1 });
  });

  it('rate-limits a page that floods errors', () => {
    let now = 0;
    const allow = createRateLimiter(() => now, { perSecond: 5, burst: 10, total: 30 });
    const burst = Array.from({ length: 50 }, allow).filter(Boolean).length;
    expect(burst).toBe(10);
    now += 1_000;
    expect(Array.from({ length: 50 }, allow).filter(Boolean).length).toBe(5);
    now += 100_000;
    expect(Array.from({ length: 50 }, allow).filter(Boolean).length).toBe(10);
    now += 100_000;
    expect(Array.from({ length: 50 }, allow).filter(Boolean).length).toBe(5); // total cap of 30 reached
  });
});

describe('rrweb options', () => {
  it('always masks every input and passwords, whatever the settings', () => {
    const options = buildRecordOptions(
      toRecorderPrivacy({ blockSelectors: [], maskSelectors: [] }),
      () => {},
      () => true,
      createTypedValueRedactor(),
    );
    expect(options.maskAllInputs).toBe(true);
    expect(options.maskInputOptions?.password).toBe(true);
    expect(options.blockSelector).toContain('.sg-block');
    expect(options.maskTextSelector).toContain('.sg-mask');
    expect(options.maskTextSelector).toContain('[contenteditable]');
  });

  it('adds user selectors to the built-in ones', () => {
    const options = buildRecordOptions(
      toRecorderPrivacy({ blockSelectors: ['.secret'], maskSelectors: ['[data-pii]'] }),
      () => {},
      () => true,
      createTypedValueRedactor(),
    );
    expect(options.blockSelector).toBe('.sg-block, .secret');
    expect(options.maskTextSelector).toMatch(/\.sg-mask.*\[data-pii\]$/);
  });
});

describe('rrweb options and typed values', () => {
  const privacy = toRecorderPrivacy({ blockSelectors: [], maskSelectors: [] });

  it('masks the text of designMode documents, looking nodes up in the rrweb mirror', () => {
    const emitted: unknown[] = [];
    const options = buildRecordOptions(
      privacy,
      (event) => emitted.push(event),
      () => true,
      createTypedValueRedactor(),
    );
    const editor = { designMode: 'on' };
    const live = new Map<number, unknown>([[4, { ownerDocument: editor }]]);
    options.plugins?.[0]?.getMirror?.({
      nodeMirror: { getNode: (id: number) => live.get(id) ?? null },
    } as unknown as Parameters<
      NonNullable<NonNullable<typeof options.plugins>[0]['getMirror']>
    >[0]);
    options.emit?.({
      type: 3,
      timestamp: 1,
      data: {
        source: 0,
        texts: [{ id: 4, value: 'Hi there' }],
        attributes: [],
        removes: [],
        adds: [],
      },
    });
    expect(emitted).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ texts: [{ id: 4, value: '** *****' }] }),
      }),
    ]);
  });

  it('hands rrweb the raw values to remember and emits events with them masked', () => {
    const typed = createTypedValueRedactor();
    const emitted: unknown[] = [];
    const options = buildRecordOptions(
      privacy,
      (event) => emitted.push(event),
      () => true,
      typed,
    );
    expect(options.maskInputFn).toBe(typed.maskInput);
    expect(options.maskInputFn?.('open-sesame', {} as HTMLElement)).toBe('***********');
    options.emit?.({
      type: 3,
      timestamp: 1,
      data: {
        source: 0,
        texts: [{ id: 2, value: 'said open-sesame' }],
        attributes: [],
        removes: [],
        adds: [],
      },
    });
    expect(emitted).toEqual([
      {
        type: 3,
        timestamp: 1,
        data: {
          source: 0,
          texts: [{ id: 2, value: 'said ***********' }],
          attributes: [],
          removes: [],
          adds: [],
        },
      },
    ]);
  });

  it('drops an event it could not mask rather than throw into the page or emit it in clear', () => {
    const typed = createTypedValueRedactor();
    const emitted: unknown[] = [];
    const failing = {
      ...typed,
      redactEvent: () => {
        throw new Error('unexpected shape');
      },
    } as typeof typed;
    const options = buildRecordOptions(
      privacy,
      (event) => emitted.push(event),
      () => true,
      failing,
    );
    expect(() =>
      options.emit?.({ type: 4, timestamp: 1, data: { href: 'x', width: 1, height: 1 } }),
    ).not.toThrow();
    expect(emitted).toEqual([]);
  });

  it('watches typing in each recorded document and stops with the recording', () => {
    const options = buildRecordOptions(
      privacy,
      () => {},
      () => true,
      createTypedValueRedactor(),
    );
    const observer = options.plugins?.[0]?.observer;
    const listening = new Set<string>();
    const win = {
      addEventListener: (type: string) => listening.add(type),
      removeEventListener: (type: string) => listening.delete(type),
    } as unknown as Window & typeof globalThis;
    const stop = observer?.(() => {}, win, {});
    expect([...listening].sort()).toEqual(['change', 'focusin', 'input']);
    stop?.();
    expect(listening.size).toBe(0);
  });
});
