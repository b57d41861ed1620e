import { mkdir } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { OptionsPage } from './pages/options-page';
import { seriousA11yViolations } from './support/axe';
import { test } from './support/fixtures';

const SHOTS = 'test-results/options';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
];
const LONG_TITLE =
  'Find the date of your next payout, then change the payout schedule from daily to weekly without asking support';

async function fitsWidth(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}

async function shoot(options: OptionsPage, name: string) {
  for (const size of SIZES) {
    await options.page.setViewportSize(size);
    await options.page.evaluate(() => window.scrollTo(0, 0));
    const fit = await fitsWidth(options.page);
    expect(fit.scrollWidth, `${name} at ${size.width}`).toBeLessThanOrEqual(fit.innerWidth);
    await options.page.screenshot({
      path: `${SHOTS}/${name}-${size.width}x${size.height}.png`,
      fullPage: true,
    });
  }
}

describe('the options page', () => {
  test('has sections with navigation, Studies first, reachable by keyboard', async ({ ext }) => {
    await mkdir(SHOTS, { recursive: true });
    const options = await OptionsPage.open(ext);
    const links = options.nav.getByRole('list').getByRole('link');
    expect(await links.allInnerTexts()).toEqual([
      'Studies',
      'Privacy',
      'Friction detection',
      'Trackers',
    ]);
    expect(await links.first().getAttribute('aria-current')).toBe('page');
    await options.studies.waitFor();
    expect(await options.page.getByRole('region', { name: 'Privacy', exact: true }).count()).toBe(
      0,
    );
    await shoot(options, 'studies-empty');
    expect(await seriousA11yViolations(options.page)).toEqual([]);

    // Keyboard only: Tab reaches the navigation, Enter opens a section and focus moves to its heading.
    await options.page.keyboard.press('Tab');
    await options.page.keyboard.press('Tab');
    expect(await options.page.evaluate(() => document.activeElement?.textContent)).toBe('Studies');
    await options.page.keyboard.press('Tab');
    await options.page.keyboard.press('Enter');
    const privacy = options.page.getByRole('region', { name: 'Privacy', exact: true });
    await privacy.waitFor();
    await expect
      .poll(() => options.page.evaluate(() => document.activeElement?.id))
      .toBe('privacy-title');
    expect(await options.page.evaluate(() => location.hash)).toBe('#privacy');
    expect(await options.studies.count()).toBe(0);
    await shoot(options, 'privacy');
    expect(await seriousA11yViolations(options.page)).toEqual([]);

    await options.page.keyboard.press('Shift+Tab');
    await options.page.keyboard.press('Shift+Tab');
    // Back past the privacy policy link to the last section's.
    expect(await options.page.evaluate(() => document.activeElement?.textContent)).toBe('Trackers');
    await options.page.keyboard.press('Shift+Tab');
    expect(await options.page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Friction detection',
    );
    await options.page.keyboard.press('Enter');
    await options.page.getByRole('region', { name: 'Friction detection' }).waitFor();
    await shoot(options, 'friction');
    expect(await seriousA11yViolations(options.page)).toEqual([]);

    // A section is a link of its own.
    await options.page.goto(ext.url('/options.html#privacy'));
    await privacy.waitFor();
    await options.page.goBack();
    await options.page.getByRole('region', { name: 'Friction detection' }).waitFor();
    await options.page.close();
  });

  test('edits a kit in the page’s width: long task titles whole, row buttons no bigger than “Add task”', async ({
    ext,
  }) => {
    const options = await OptionsPage.open(ext);
    await options.page.setViewportSize(SIZES[0]!);
    await options.newStudy();
    await options.field('Study title').fill('Payouts');
    await options.editor.getByRole('button', { name: 'Add task' }).click();
    await options.editor.getByRole('button', { name: 'Add task' }).click();
    const title = options.field('Task 1 Title');
    await title.fill(LONG_TITLE);
    await options.field('Task 2 Title').fill('Export your payouts');
    await title.press('Enter');
    expect(await title.inputValue()).toBe(LONG_TITLE);
    // The whole title shows: nothing scrolled out of sight, in width or height.
    const box = await title.evaluate((e) => ({
      clipped: e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1,
      lines: Math.round(e.clientHeight / parseFloat(getComputedStyle(e).lineHeight || '20')),
    }));
    expect(box.clipped).toBe(false);
    // The editor uses the width: scenario and persona side by side.
    const scenario = await options.field('Scenario').boundingBox();
    const persona = await options.field('Persona').boundingBox();
    expect(persona!.x).toBeGreaterThan(scenario!.x + scenario!.width);
    expect(persona!.y).toBeLessThan(scenario!.y + scenario!.height);

    const add = await options.editor.getByRole('button', { name: 'Add task' }).boundingBox();
    for (const name of ['Move task 1 down', 'Move task 2 up', 'Remove task 1', 'Remove rule 1']) {
      const row = await options.editor.getByRole('button', { name }).boundingBox();
      expect(row!.height, name).toBeLessThanOrEqual(add!.height);
    }
    await shoot(options, 'kit-editor');
    expect(await seriousA11yViolations(options.page)).toEqual([]);
    await options.page.close();
  });
});
