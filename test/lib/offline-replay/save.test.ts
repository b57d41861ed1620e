import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  blobSink,
  isAbort,
  isBundleSessionStart,
  pickedFileSink,
  writeParts,
  type FileSink,
} from '@/lib/offline-replay';

async function* parts(count: number, log: { pulled: number; stopped: boolean }) {
  try {
    for (let i = 0; i < count; i++) {
      log.pulled++;
      yield `part ${i};`;
    }
  } finally {
    log.stopped = true;
  }
}

describe('saving a long export', () => {
  it('writes every part into a Blob, counting bytes', async () => {
    const log = { pulled: 0, stopped: false };
    let blob: Blob | null = null;
    const progress: number[] = [];
    await writeParts(
      parts(3, log),
      blobSink('text/html', (b) => (blob = b)),
      {
        signal: new AbortController().signal,
        onBytes: (n) => progress.push(n),
      },
    );
    expect(await blob!.text()).toBe('part 0;part 1;part 2;');
    expect(blob!.type).toBe('text/html');
    expect(progress.at(-1)).toBe(21);
  });

  it('keeps a file of many MB whole and in order', async () => {
    async function* big() {
      for (const c of 'abc') yield c.repeat(3 * 1024 * 1024);
    }
    let blob: Blob | null = null;
    await writeParts(
      big(),
      blobSink('text/html', (b) => (blob = b)),
      {
        signal: new AbortController().signal,
      },
    );
    expect(blob!.size).toBe(9 * 1024 * 1024);
    const text = await blob!.text();
    expect([text[0], text[3 * 1024 * 1024], text.at(-1)]).toEqual(['a', 'b', 'c']);
  });

  it('gzips when asked', async () => {
    let blob: Blob | null = null;
    await writeParts(
      parts(2, { pulled: 0, stopped: false }),
      blobSink('application/gzip', (b) => (blob = b)),
      {
        signal: new AbortController().signal,
        gzip: true,
      },
    );
    expect(gunzipSync(new Uint8Array(await blob!.arrayBuffer())).toString()).toBe('part 0;part 1;');
  });

  it('streams into the picked file (File System Access) and closes it', async () => {
    const written: string[] = [];
    let closed = false;
    const sink = await pickedFileSink(
      async (options) => {
        expect(options.suggestedName).toBe('x.html');
        return {
          createWritable: async () =>
            new WritableStream<Uint8Array>({
              write: (chunk) => void written.push(new TextDecoder().decode(chunk)),
              close: () => void (closed = true),
            }),
        };
      },
      { suggestedName: 'x.html', types: [] },
    );
    await writeParts(parts(2, { pulled: 0, stopped: false }), sink, {
      signal: new AbortController().signal,
    });
    expect(written).toEqual(['part 0;', 'part 1;']);
    expect(closed).toBe(true);
  });

  it('stops the generator and aborts the file on cancel', async () => {
    const log = { pulled: 0, stopped: false };
    const controller = new AbortController();
    let aborted = false;
    let finished = false;
    const sink: FileSink = {
      stream: new WritableStream<Uint8Array>({
        write: async () => {
          if (log.pulled >= 3) controller.abort();
          await new Promise((r) => setTimeout(r, 1));
        },
        abort: () => void (aborted = true),
      }),
      finish: async () => void (finished = true),
    };
    const error = await writeParts(parts(1_000_000, log), sink, {
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(isAbort(error)).toBe(true);
    expect(log.stopped).toBe(true);
    expect(log.pulled).toBeLessThan(20);
    expect(aborted).toBe(true);
    expect(finished).toBe(false);
  });

  it('tells where a bundle session starts', () => {
    expect(isBundleSessionStart('{"id":"s1","title":"x","segments":[')).toBe(true);
    expect(isBundleSessionStart(',{"id":"s2","title":"x","segments":[')).toBe(true);
    expect(isBundleSessionStart('{"id":"seg","tabId":1,"events":[')).toBe(false);
    expect(isBundleSessionStart(',{"id":"n1","note":"\\"segments\\":["}')).toBe(false);
  });
});
