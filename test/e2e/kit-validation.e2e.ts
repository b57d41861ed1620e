import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect } from 'vitest';
import { OptionsPage } from './pages/options-page';
import { PopupPage } from './pages/popup-page';
import { ReviewPage } from './pages/review-page';
import { seriousA11yViolations } from './support/axe';
import { readDb } from './support/extension';
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

/** The studies store, read with plain IndexedDB calls rather than the extension's code. */
async function readStudies(options: OptionsPage): Promise<unknown[]> {
  return (await readDb(options.page, ['studies'])).studies!;
}

describe('a kit that is not ready', () => {
  test('is refused as ready with messages next to its fields, kept as a draft, not exported nor offered', async ({
    ext,
  }) => {
    const options = await OptionsPage.open(ext);
    await options.newStudy();
    const refused = await options.saveStudy();
    expect(refused.ok).toBe(false);
    expect(await readStudies(options)).toEqual([]);
    // Each message sits by its field and is the field's description.
    const nextTo = async (label: string, message: RegExp) => {
      const field = options.field(label);
      expect(await field.getAttribute('aria-invalid'), label).toBe('true');
      const errorId = (await field.getAttribute('aria-describedby'))?.split(' ')[0];
      expect(errorId, label).toBeTruthy();
      const error = options.editor.locator(`[id="${errorId}"]`);
      expect(await error.innerText(), label).toMatch(message);
      const controlId = await field.getAttribute('id');
      const sameField = await error.evaluate(
        (e, id) => (e.closest('.field')?.querySelector(`[id="${id}"]`) ?? null) !== null,
        controlId,
      );
      expect(sameField, label).toBe(true);
    };
    await nextTo('Scenario', /Describe the scenario or the goal/);
    await nextTo('Origins to record', /Add the origin of the product to record/);
    const tasks = options.editor.getByRole('group', { name: 'Tasks' });
    expect(await tasks.locator('.field-error').innerText()).toBe(
      'Add at least one task for participants to work on.',
    );
    await options.editor.scrollIntoViewIfNeeded();
    await options.page.setViewportSize({ width: 1280, height: 800 });
    await options.studies.screenshot({ path: 'test-results/kit-refused-as-ready.png' });
    expect(await seriousA11yViolations(options.page)).toEqual([]);

    await options.field('Study title').fill('Half done');
    await options.editor.getByRole('button', { name: 'Save as draft' }).click();
    const notice = options.editor.locator('[role=status].notice');
    expect(await notice.innerText()).toBe('Saved “Half done” as a draft.');
    await expect.poll(() => options.studyTitles()).toEqual(['Half done']);
    expect(await options.studies.locator('.study-item').innerText()).toMatch(/^Half done\s+Draft/);
    expect(await readStudies(options)).toMatchObject([{ title: 'Half done', status: 'draft' }]);
    const exportButton = options.editor.getByRole('button', { name: 'Export kit' });
    expect(await exportButton.isDisabled()).toBe(true);
    expect(await exportButton.getAttribute('aria-describedby')).toBe('kit-export-reason');
    expect(await options.editor.locator('#kit-export-reason').innerText()).toBe(
      'A draft cannot be exported: save it as ready first.',
    );
    await options.studies.screenshot({ path: 'test-results/kit-draft-saved.png' });
    expect(await seriousA11yViolations(options.page)).toEqual([]);

    // A ready study next to it, so the popup has something to offer.
    await options.newStudy();
    await options.field('Study title').fill('Get paid');
    await options.field('Goal').fill('Receive your first payout');
    await options.editor.getByRole('button', { name: 'Add task' }).click();
    await options.field('Task 1 Title').fill('Sign up');
    await options.field('Origins to record').fill('http://127.0.0.1:4173');
    const ready = await options.saveStudy();
    expect(ready).toEqual({ ok: true, text: 'Saved “Get paid”.' });

    const popup = await PopupPage.open(ext);
    const choices = popup.page.getByLabel('Study').locator('option');
    await expect
      .poll(() => choices.allInnerTexts())
      .toEqual(['Get paid', 'Quick session (no study kit)']);
    await popup.page.close();
  });
});

describe('a file given to the wrong importer', () => {
  test('says what the file is and where it goes, both ways', async ({ ext }) => {
    // A real kit file, exported by the options page (the ready study of the test above).
    const options = await OptionsPage.open(ext);
    await options.openStudy('Get paid');
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

describe('an origin typed without a scheme', () => {
  test('asks http:// or https:// next to the field and records the one chosen', async ({ ext }) => {
    const options = await OptionsPage.open(ext);
    await options.newStudy();
    await options.field('Study title').fill('Local shop');
    await options.field('Goal').fill('Buy a loaf');
    await options.editor.getByRole('button', { name: 'Add task' }).click();
    await options.field('Task 1 Title').fill('Check out');
    const origins = options.field('Origins to record');
    await origins.fill('127.0.0.1:4173');
    const choice = options.editor.getByRole('group', { name: 'Scheme for 127.0.0.1:4173' });
    await choice.waitFor();
    expect(await choice.innerText()).toMatch(/127\.0\.0\.1:4173: http:\/\/ or https:\/\/\?/);
    await choice.locator('..').screenshot({ path: 'test-results/kit-origin-scheme-choice.png' });
    expect(await seriousA11yViolations(options.page)).toEqual([]);

    // Not guessed on save either.
    const refused = await options.saveStudy();
    expect(refused.ok).toBe(false);
    expect(await options.editor.locator('#kit-origins-error').innerText()).toBe(
      'Choose http:// or https:// for 127.0.0.1:4173.',
    );

    await options.editor.getByRole('button', { name: 'Use http://127.0.0.1:4173' }).click();
    expect(await origins.inputValue()).toBe('http://127.0.0.1:4173');
    await expect.poll(() => choice.count()).toBe(0);
    expect(await options.saveStudy()).toEqual({ ok: true, text: 'Saved “Local shop”.' });
    const stored = (await readStudies(options)) as { title: string; origins: string[] }[];
    expect(stored.find((kit) => kit.title === 'Local shop')?.origins).toEqual([
      'http://127.0.0.1:4173',
    ]);
  });
});
