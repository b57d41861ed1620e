import { gunzipSync } from 'node:zlib';
import { describe, expect } from 'vitest';
import { PopupPage } from './pages/popup-page';
import { waitForRecording } from './support/recording';
import { test } from './support/fixtures';

const VISITS = 20;
const DWELL_MS = 300;

interface StoredSegment {
  id: string;
  url: string;
  events: number;
}
interface StoredChunk {
  segmentId: string;
  count: number;
  data: Uint8Array;
}

describe('never lose a page', () => {
  test(`keeps ${VISITS} of ${VISITS} pages visited for ${DWELL_MS} ms while the service worker is stopped`, async ({
    sites,
    ext,
  }) => {
    const page = await ext.context.newPage();
    await page.goto(sites.visit(0));
    const popup = await PopupPage.open(ext);
    await popup.start({ title: 'Short visits', participant: 'P' });
    await page.bringToFront();
    await waitForRecording(page);

    for (let n = 1; n <= VISITS; n++) {
      // Half the pages load with the worker already stopped (the page's hello
      // wakes it); on the other half it is stopped right after the load.
      if (n % 2 === 0) await ext.stopServiceWorker();
      await page.goto(sites.visit(n));
      const loadedAt = Date.now();
      if (n % 2 === 1) await ext.stopServiceWorker();
      await page.waitForTimeout(Math.max(0, DWELL_MS - (Date.now() - loadedAt)));
    }
    await page.goto(sites.visit(VISITS + 1));
    await waitForRecording(page);

    // Stored means a segment with events in its chunks, polled until the spool is drained.
    const storedVisits = async () => {
      const segments = await ext.readStore<StoredSegment>('segments');
      const chunks = await ext.readStore<StoredChunk>('chunks');
      const withEvents = new Set(chunks.filter((c) => c.count > 0).map((c) => c.segmentId));
      return new Set(
        segments
          .filter((s) => withEvents.has(s.id))
          .map((s) => Number(/\/visit\/(\d+)$/.exec(s.url)?.[1]))
          .filter((n) => n >= 1 && n <= VISITS),
      );
    };
    let kept = new Set<number>();
    for (let i = 0; i < 40 && kept.size < VISITS; i++) {
      kept = await storedVisits();
      if (kept.size < VISITS) await page.waitForTimeout(250);
    }
    const lost = Array.from({ length: VISITS }, (_, i) => i + 1).filter((n) => !kept.has(n));
    expect(lost).toEqual([]);

    // Each kept page has its full snapshot: it replays.
    const withSnapshot = (await ext.readStore<StoredChunk>('chunks')).filter((chunk) =>
      (JSON.parse(gunzipSync(chunk.data).toString('utf8')) as { type: number }[]).some(
        (e) => e.type === 2,
      ),
    );
    const fullSnapshots = withSnapshot.map((c) => c.segmentId);
    const segments = await ext.readStore<StoredSegment>('segments');
    const replayable = new Set(
      segments
        .filter((s) => fullSnapshots.includes(s.id))
        .map((s) => Number(/\/visit\/(\d+)$/.exec(s.url)?.[1])),
    );
    expect(
      Array.from({ length: VISITS }, (_, i) => i + 1).filter((n) => !replayable.has(n)),
    ).toEqual([]);
    await popup.page.bringToFront();
    await popup.stop();
  });
});
