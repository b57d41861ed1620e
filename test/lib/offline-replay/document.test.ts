import { describe, expect, it } from 'vitest';
import {
  createOfflineReplay,
  mayNeedCleaning,
  OFFLINE_CSS,
  scriptHash,
  type OfflineManifest,
  type OfflineReplayInput,
} from '@/lib/offline-replay';
import type { RrwebEvent } from '@/lib/contracts';
import { collect, full, jsonBlock, meta, move, T0 } from './fixtures';

const PLAYER = 'document.title = "player";';

function input(overrides: Partial<OfflineReplayInput> = {}): OfflineReplayInput {
  return {
    title: 'Checkout </title><script>alert(1)</script>',
    exportedAt: new Date(T0),
    playerScript: PLAYER,
    css: OFFLINE_CSS,
    clips: [
      {
        participant: 'Ana <b>',
        startTs: T0,
        endTs: T0 + 20_000,
        pieces: [{ segmentId: 's1', from: T0, to: T0 + 20_000 }],
        segments: [
          {
            id: 's1',
            url: 'http://127.0.0.1/',
            events: [
              [meta(T0), full(T0 + 1, '</script><!--<script>alert(2)</script>\u2028')],
              [move(T0 + 5_000)],
            ],
          },
        ],
        markers: [
          {
            ts: T0 + 8_000,
            label: 'Confusing',
            color: '#d97706',
            note: '</script><img src=x onerror=alert(3)>',
            severity: 2,
            kind: 'manual',
          },
        ],
      },
      {
        participant: 'Ben',
        startTs: T0 + 100_000,
        endTs: T0 + 120_000,
        pieces: [{ segmentId: 's2', from: T0 + 100_000, to: T0 + 120_000 }],
        segments: [
          {
            id: 's2',
            url: 'http://127.0.0.1/',
            events: [[meta(T0 + 100_000), full(T0 + 100_001, 'ben')]],
          },
        ],
        markers: [],
      },
    ],
    ...overrides,
  };
}

describe('the offline replay document', () => {
  it('has a strict CSP admitting only the inlined player by hash', async () => {
    const html = await collect(createOfflineReplay(input()));
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBeDefined();
    const hash = await scriptHash(PLAYER);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src ${hash}`);
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain('img-src data: blob:');
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:/);
    // Before anything that could load or run.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    // The only executable script is the player, exactly the hashed text.
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.filter((attrs) => !attrs!.includes('type="application/json"'))).toEqual(['']);
    expect(html).toContain(`<script>${PLAYER}</script>`);
  });

  it('embeds hostile text so that no tag closes early and it reads back unchanged', async () => {
    const html = await collect(createOfflineReplay(input()));
    // Exactly the tags we wrote (manifest, two page loads, player): the recorded `</script>`, `<!--` and `<img>` stay inside JSON strings.
    expect(html.match(/<\/script>/g)).toHaveLength(1 + 2 + 1);
    expect(html).not.toContain('<!--');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('\u2028');
    expect(html).toContain(
      '<title>Checkout &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>',
    );
    const manifest = jsonBlock<OfflineManifest>(html, 'sg-manifest');
    expect(manifest.clips.map((c) => c.participant)).toEqual(['Ana <b>', 'Ben']);
    expect(manifest.clips[0]!.markers[0]).toEqual(input().clips[0]!.markers[0]);
    const events = jsonBlock<RrwebEvent[]>(html, manifest.clips[0]!.segments[0]!.eventsId);
    expect(events.map((e) => e.timestamp)).toEqual([T0, T0 + 1, T0 + 5_000]);
    expect(JSON.stringify(events)).toContain('</script><!--<script>alert(2)</script>\u2028');
  });

  it('writes one block per clip and page load, and tells which clip it writes', async () => {
    const seen: string[] = [];
    const html = await collect(
      createOfflineReplay(input({ onClip: (i, n) => seen.push(`${i}/${n}`) })),
    );
    const manifest = jsonBlock<OfflineManifest>(html, 'sg-manifest');
    expect(manifest.clips.map((c) => c.segments.map((s) => s.eventsId))).toEqual([
      ['sg-events-0-0'],
      ['sg-events-1-0'],
    ]);
    expect(jsonBlock<RrwebEvent[]>(html, 'sg-events-1-0')).toHaveLength(2);
    expect(seen).toEqual(['0/2', '1/2']);
  });

  it('stops between parts once cancelled: no more events are read', async () => {
    const controller = new AbortController();
    let batchesRead = 0;
    let stopped = false;
    async function* batches(): AsyncGenerator<RrwebEvent[]> {
      try {
        for (let i = 0; i < 1_000; i++) {
          batchesRead++;
          yield [move(T0 + i)];
        }
      } finally {
        stopped = true;
      }
    }
    const base = input();
    const parts = createOfflineReplay({
      ...base,
      signal: controller.signal,
      clips: [
        {
          ...base.clips[0]!,
          segments: [{ id: 's1', url: 'http://127.0.0.1/', events: batches() }],
        },
      ],
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const part of parts) {
          seen.push(part);
          if (seen.length === 5) controller.abort();
        }
      })(),
    ).rejects.toThrow(/abort/i);
    expect(stopped).toBe(true);
    expect(batchesRead).toBeLessThan(10);
    expect(seen.join('')).not.toContain('</html>');
  });

  it('embeds stored chunk text as it is unless it may hold a snapshot or mutation, which is cleaned', async () => {
    const moves = JSON.stringify([move(T0 + 1), move(T0 + 2)]);
    const hostile = JSON.stringify([
      full(T0, 'x', [
        { type: 2, id: 9, tagName: 'img', attributes: { onerror: 'pwned()' }, childNodes: [] },
      ]),
    ]);
    const escaped = hostile.replace('"node"', '"\\u006eode"');
    expect(mayNeedCleaning(moves)).toBe(false);
    expect(mayNeedCleaning(hostile)).toBe(true);
    expect(mayNeedCleaning(escaped)).toBe(true);
    expect(mayNeedCleaning(JSON.stringify([{ type: 3, data: { source: 0, adds: [] } }]))).toBe(
      true,
    );
    expect(mayNeedCleaning('[{"data": {"source" : 0}}]')).toBe(true);
    const base = input();
    const html = await collect(
      createOfflineReplay({
        ...base,
        clips: [
          {
            ...base.clips[0]!,
            segments: [
              { id: 's1', url: 'http://127.0.0.1/', events: [hostile, moves, escaped, '[]'] },
            ],
          },
        ],
      }),
    );
    expect(html).toContain(moves.slice(1, -1));
    expect(html).not.toContain('pwned');
    expect(jsonBlock<RrwebEvent[]>(html, 'sg-events-0-0')).toHaveLength(4);
  });
});
