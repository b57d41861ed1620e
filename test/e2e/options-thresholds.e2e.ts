import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { OptionsPage } from './pages/options-page';
import { seriousA11yViolations } from './support/axe';
import { test } from './support/fixtures';
import { recordOn } from './support/recording';

interface StoredAnnotation {
  detector: string | null;
  ts: number;
  evidence: { clicks?: number } | null;
}

/** `count` quick clicks on the setup checklist item that is only text. */
async function burst(page: Page, count: number) {
  const item = page.getByText('Receive your first payout');
  for (let i = 0; i < count; i++) {
    await item.click();
    await page.waitForTimeout(60);
  }
}

describe('friction thresholds', () => {
  test('are edited with their defaults shown, checked, reset, and used by the detectors', async ({
    demo,
    ext,
  }) => {
    const options = await OptionsPage.open(ext);
    await options.show('Friction detection');
    const clicks = options.page.getByLabel('At least (clicks)');
    expect(await clicks.inputValue()).toBe('3');
    expect(
      await options.page.locator(`[id="${await clicks.getAttribute('id')}-hint"]`).innerText(),
    ).toBe('Default 3');

    // Out of range: refused next to the field, nothing stored.
    await clicks.fill('1');
    await options.page.getByRole('button', { name: 'Save thresholds' }).click();
    await options.page.getByRole('alert').waitFor();
    expect(await clicks.getAttribute('aria-invalid')).toBe('true');
    expect(
      await options.page.locator(`[id="${await clicks.getAttribute('id')}-error"]`).innerText(),
    ).toBe('Enter a whole number from 2 to 20 clicks.');
    expect(await seriousA11yViolations(options.page)).toEqual([]);

    await clicks.fill('6');
    await options.page.getByRole('button', { name: 'Save thresholds' }).click();
    await options.page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await clicks.getAttribute('aria-invalid')).toBeNull();

    // Recording now: four quick clicks are no rage click at 6, seven are.
    const { page } = await recordOn(ext, `${demo.url}/dashboard`, 'Thresholds');
    await page.waitForTimeout(1_500);
    await burst(page, 4);
    await page.waitForTimeout(2_500);
    expect(
      (await ext.readStore<StoredAnnotation>('annotations')).filter(
        (a) => a.detector === 'rage-click',
      ),
    ).toEqual([]);
    const afterSeven = Date.now();
    await burst(page, 7);
    const rageClicks = async () =>
      (await ext.readStore<StoredAnnotation>('annotations')).filter(
        (a) => a.detector === 'rage-click',
      );
    await expect.poll(rageClicks, { timeout: 15_000 }).toHaveLength(1);
    const [seven] = await rageClicks();
    expect(seven!.ts).toBeGreaterThanOrEqual(afterSeven - 1_000);
    expect(seven!.evidence?.clicks).toBeGreaterThanOrEqual(6);

    // Reset: the defaults are back in the form and four clicks count again.
    await options.page.bringToFront();
    await options.page.getByRole('button', { name: 'Reset to defaults' }).click();
    await options.page.getByRole('status').filter({ hasText: 'Defaults restored' }).waitFor();
    expect(await clicks.inputValue()).toBe('3');
    await options.page.reload();
    await options.page.getByLabel('At least (clicks)').waitFor();
    expect(await options.page.getByLabel('At least (clicks)').inputValue()).toBe('3');
    await page.bringToFront();
    await page.waitForTimeout(2_500);
    await burst(page, 4);
    await expect.poll(rageClicks, { timeout: 15_000 }).toHaveLength(2);
  });
});
