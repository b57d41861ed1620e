import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect } from 'vitest';
import { OptionsPage } from './pages/options-page';
import { ReviewPage } from './pages/review-page';
import { seriousA11yViolations } from './support/axe';
import { test } from './support/fixtures';

const ORIGIN = 'http://127.0.0.1:1';
/** A one-page session bundle, imported so the review page can export a real one. */
const seedBundle = {
  format: 'study-group-bundle',
  version: 1,
  exportedAt: 'now',
  generator: 'test',
  sessions: [
    {
      id: 'wrong-file-1',
      title: 'Wrong file',
      participant: 'P',
      origins: [ORIGIN],
      status: 'ended',
      startedAt: 1_000,
      endedAt: 2_000,
      activeMs: 1_000,
      endReason: { type: 'user' },
      segments: [
        {
          id: 'seg-1',
          tabId: 1,
          url: `${ORIGIN}/`,
          startedAt: 1_000,
          events: [
            { type: 4, data: { href: `${ORIGIN}/`, width: 800, height: 600 }, timestamp: 1_000 },
            {
              type: 2,
              data: {
                node: { type: 0, childNodes: [], id: 1 },
                initialOffset: { left: 0, top: 0 },
              },
              timestamp: 1_001,
            },
          ],
        },
      ],
      timeline: [],
    },
  ],
};

describe('a file given to the wrong importer', () => {
  test('says what the file is and where it goes, both ways', async ({ ext }) => {
    // A real kit file, exported by the options page.
    const options = await OptionsPage.open(ext);
    await options.newStudy();
    await options.field('Study title').fill('Get paid');
    await options.field('Origins to record').fill('http://127.0.0.1:4173');
    const saved = await options.saveStudy();
    expect(saved.ok, saved.text).toBe(true);
    const kitDownload = await options.exportKit();
    const kitFile = {
      name: kitDownload.suggestedFilename(),
      mimeType: 'application/json',
      buffer: await readFile(await kitDownload.path()),
    };

    // A real, gzipped session bundle, exported by the review page.
    const review = await ReviewPage.open(ext);
    const seeded = await review.importFile({
      name: 'seed.studygroup.json.gz',
      mimeType: 'application/gzip',
      buffer: gzipSync(JSON.stringify(seedBundle)),
    });
    expect(seeded.ok, seeded.text).toBe(true);
    const bundleDownload = await review.exportAll();
    const bundleBuffer = await readFile(await bundleDownload.path());
    expect([...bundleBuffer.subarray(0, 2)]).toEqual([0x1f, 0x8b]);

    const before = await ext.dbDump();
    const asKit = await options.importKit({
      name: bundleDownload.suggestedFilename(),
      mimeType: 'application/gzip',
      buffer: bundleBuffer,
    });
    expect(asKit.ok).toBe(false);
    expect(asKit.text).toContain(`Could not import “${bundleDownload.suggestedFilename()}”`);
    expect(asKit.text).toMatch(/is a session bundle .*import it on the review page/);
    expect(asKit.text).not.toMatch(/JSON/);
    await options.studies.screenshot({ path: 'test-results/kit-import-wrong-file.png' });
    expect(await seriousA11yViolations(options.page)).toEqual([]);

    const asBundle = await review.importFile(kitFile);
    expect(asBundle.ok).toBe(false);
    expect(asBundle.text).toMatch(/is a study kit .*import it in Options → Studies/);
    await review.page.screenshot({ path: 'test-results/bundle-import-wrong-file.png' });
    expect(await seriousA11yViolations(review.page)).toEqual([]);
    expect(await ext.dbDump()).toEqual(before);
  });
});
