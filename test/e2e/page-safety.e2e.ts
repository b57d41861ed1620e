import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { PopupPage } from './pages/popup-page';
import { type BundleJson } from './support/bundle';
import { stopAndExport, waitForRecording } from './support/recording';
import { test } from './support/fixtures';

/** Every uncaught error and console.error the page shows, ours or not. */
function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  return errors;
}

function customTags(json: BundleJson): string[] {
  return json.sessions.flatMap((s) =>
    s.segments.flatMap((seg) =>
      seg.events.filter((e) => e.type === 5).map((e) => (e.data as { tag: string }).tag),
    ),
  );
}

describe('the studied page is never broken by us, and cannot turn the recording off', () => {
  test('throws nothing into a slowly loading page clicked before its load event, and keeps those signals', async ({
    sites,
    launch,
  }) => {
    const ext = await launch();
    const page = await ext.context.newPage();
    await page.goto(sites.site('slow.html'));
    const popup = await PopupPage.open(ext);
    await popup.start({ title: 'Slow', participant: 'P' });
    await page.bringToFront();
    await waitForRecording(page);
    const errors = watchPageErrors(page);
    // A fresh load: blocking script, late image, a click and a fetch long before `load`.
    const loading = page.goto(sites.site('slow.html'), { waitUntil: 'commit' });
    await loading;
    await page.locator('#early').click();
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(1_500);
    const { json } = await stopAndExport(ext, popup);

    expect(errors).toEqual([]);
    const timeline = json.sessions[0]!.timeline;
    expect(timeline.filter((t) => t.type.endsWith('error'))).toEqual([]);
    // Held until rrweb's first snapshot, then emitted: the early click and the load time.
    expect(customTags(json)).toEqual(expect.arrayContaining(['sg-click', 'sg-perf', 'sg-page']));
  });

  test('throws nothing into a real third-party app (Swagger UI) while recording it', async ({
    sites,
    launch,
  }) => {
    const ext = await launch();
    const page = await ext.context.newPage();
    await page.goto(sites.swaggerUrl);
    const popup = await PopupPage.open(ext);
    await popup.start({ title: 'Swagger', participant: 'P' });
    await page.bringToFront();
    await waitForRecording(page);
    const errors = watchPageErrors(page);
    await page.reload();
    await waitForRecording(page);
    await page.getByText('/users/{name}').click();
    await page.getByRole('button', { name: 'Try it out' }).click();
    await page.getByPlaceholder('name').fill('ada');
    await page.getByRole('button', { name: 'Execute' }).click();
    await page.getByText('Response body').first().waitFor();
    await page.goto(`${sites.swaggerUrl}#/default/createNote`);
    await page.waitForTimeout(1_500);
    const { json, text } = await stopAndExport(ext, popup);

    expect(errors).toEqual([]);
    expect(json.sessions[0]!.timeline.filter((t) => t.type.endsWith('error'))).toEqual([]);
    // The app's own rendering was recorded, up to the executed request.
    expect(text).toContain('Notes API');
    expect(text).toContain('Response body');
  });

  test('keeps recording, blocking and masking whatever a hostile page script sends or replaces', async ({
    sites,
    launch,
  }) => {
    const ext = await launch();
    const page = await ext.context.newPage();
    await page.goto(sites.site('hostile.html'));
    const popup = await PopupPage.open(ext);
    await popup.start({ title: 'Hostile', participant: 'P' });
    await page.bringToFront();
    await waitForRecording(page);
    const errors = watchPageErrors(page);
    const forged = await page.evaluate(() =>
      (window as unknown as { hostile(): string[] }).hostile(),
    );
    // Recorded after the attack: the recorder is still running, with its privacy rules.
    await page.evaluate(() => {
      document.getElementById('later')!.textContent = 'AFTER-ATTACK-TEXT';
      document.getElementById('blocked')!.textContent = 'BLOCKED-AFTER-ATTACK';
      document.getElementById('masked')!.textContent = 'MASKED-AFTER-ATTACK';
    });
    await page.waitForTimeout(1_500);
    expect(
      await page.evaluate(() => document.documentElement.getAttribute('data-study-group')),
    ).toBe('recording');
    // The overlay survived the forged "newer content script" event.
    expect(await page.locator('study-group-overlay').count()).toBe(1);
    const { text } = await stopAndExport(ext, popup);

    expect(forged).toEqual([]);
    expect(errors).toEqual([]);
    expect(text).toContain('AFTER-ATTACK-TEXT');
    for (const secret of [
      'BLOCKED-SECRET-7781',
      'MASKED-SECRET-4410',
      'BLOCKED-AFTER-ATTACK',
      'MASKED-AFTER-ATTACK',
      'FORGED-BATCH-MARKER',
      'FORGED-PROBE-MARKER',
      'FORGED-DETAIL',
    ]) {
      expect(text.includes(secret), secret).toBe(false);
    }
  });
});
