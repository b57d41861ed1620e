import { mkdir } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { OptionsPage } from './pages/options-page';
import { PopupPage } from './pages/popup-page';
import { ReviewPage } from './pages/review-page';
import { seriousA11yViolations } from './support/axe';
import { readDownload } from './support/bundle';
import { test } from './support/fixtures';
import { waitForRecording } from './support/recording';

const SHOTS = 'test-results';

interface StoredSession {
  id: string;
  title: string;
  study: { id: string; round?: number };
  tasks: { taskId: string; outcome: string | null; ease?: number | null }[];
}

const kitFile = (origin: string) => ({
  format: 'study-group-kit',
  version: 1,
  exportedAt: new Date().toISOString(),
  // Written before rounds existed: the kit is round 1 until the editor says otherwise.
  kit: {
    id: 'kit-ease',
    title: 'Payouts, round two',
    scenario: 'You run a bakery and want to know about your payouts.',
    persona: 'Bakery owner',
    goal: 'Know when money arrives',
    tasks: [
      { id: 't1', title: 'Find your next payout', doneWhen: 'You can say when it arrives' },
      { id: 't2', title: 'Export your payouts', doneWhen: 'You have a CSV file' },
      { id: 't3', title: 'Change the payout bank', doneWhen: 'The new bank shows' },
    ],
    rules: ['You do not work here: use only what a customer would see.'],
    origins: [origin],
    timeBoxMinutes: null,
    tags: [{ id: 'stuck', label: 'Stuck', color: '#b42318', key: '2' }],
    privacy: { blockSelectors: [], maskSelectors: [] },
    createdAt: 1,
    updatedAt: 1,
  },
});

/** Chrome sizes the toolbar popup to its content, at most 800 x 600. */
async function asToolbarPopup(p: Page) {
  const size = await p.evaluate(() => ({
    width: Math.ceil(document.querySelector('main')!.getBoundingClientRect().width),
    height: document.documentElement.scrollHeight,
  }));
  await p.setViewportSize({ width: Math.min(800, size.width), height: Math.min(600, size.height) });
}

/**
 * Keyboard only: focus the page's last focusable element, then Tab into the
 * overlay (it comes after the body) and on to the `nth` of its controls.
 * Returns a marker on the page element, to tell where focus returns.
 */
async function tabIntoOverlay(page: Page, nth: number) {
  await page.evaluate(() => {
    const focusable = [...document.body.querySelectorAll<HTMLElement>('a[href], button, input')];
    const last = focusable.at(-1)!;
    last.dataset.e2eLast = 'yes';
    last.focus();
  });
  for (let i = 0; i < nth; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.localName)).toBe('study-group-overlay');
}

const focusIsBackOnPage = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.e2eLast === 'yes');

describe('the Single Ease Question per task', () => {
  test('asked in the popup and in the overlay, stored per task, exported and imported again', async ({
    demo,
    ext,
  }) => {
    await mkdir(SHOTS, { recursive: true });
    const options = await OptionsPage.open(ext);
    const imported = await options.importKit({
      name: 'payouts.studykit.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(kitFile(demo.url))),
    });
    expect(imported.ok, imported.text).toBe(true);
    await options.openStudy('Payouts, round two');
    const round = options.field('Round');
    expect(await round.inputValue()).toBe('1');
    expect(await round.getAttribute('aria-describedby')).toBe('kit-round-hint');
    expect(await options.editor.locator('#kit-round-hint').innerText()).toBe(
      'Round 2 re-runs the same kit after fixes; the review page compares rounds.',
    );
    await round.fill('2');
    await options.editor
      .locator('.two-columns')
      .first()
      .screenshot({ path: `${SHOTS}/kit-round.png` });
    expect(await seriousA11yViolations(options.page)).toEqual([]);
    expect((await options.saveStudy()).ok).toBe(true);
    await options.page.close();

    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/dashboard`);
    let popup = await PopupPage.open(ext);
    let p = popup.page;
    await expect.poll(() => p.getByLabel('Study').inputValue()).toBe('kit-ease');
    await p.getByRole('button', { name: 'Continue' }).click();
    await p.getByLabel('Your alias').fill('Baker 5');
    await p.getByRole('button', { name: 'Start session' }).click();
    await p.getByRole('heading', { name: 'Find your next payout' }).waitFor();

    // Task 1, in the popup: Done, then 5. The outcome is stored before any answer,
    // and a popup closed in between asks again when it opens.
    const questionIn = (popupPage: Page) =>
      popupPage.getByRole('group', { name: 'Overall, how difficult or easy was this task?' });
    await p.getByRole('button', { name: 'Done', exact: true }).click();
    await questionIn(p).waitFor();
    const [first] = await ext.readStore<StoredSession>('sessions');
    expect(first!.tasks[0]).toMatchObject({ taskId: 't1', outcome: 'done' });
    expect(first!.tasks[0]).not.toHaveProperty('ease');
    await popup.close();
    popup = await PopupPage.open(ext);
    p = popup.page;
    const question = questionIn(p);
    await question.waitFor();
    expect(await p.evaluate(() => document.activeElement?.className)).toBe('ease');
    expect(await question.getAttribute('aria-describedby')).toBe('ease-task');
    expect(await p.locator('#ease-task').innerText()).toBe('Done: Find your next payout');
    await expect
      .poll(() => question.getByRole('button').allInnerTexts())
      .toEqual(['1', '2', '3', '4', '5', '6', '7', 'Skip']);
    await question.getByRole('button', { name: '1: Very difficult' }).waitFor();
    await question.getByRole('button', { name: '7: Very easy' }).waitFor();
    await asToolbarPopup(p);
    await p.screenshot({ path: `${SHOTS}/popup-ease.png` });
    expect(await seriousA11yViolations(p)).toEqual([]);
    await question.getByRole('button', { name: '5', exact: true }).click();
    await question.waitFor({ state: 'detached' });
    // Focus moves on to the next task rather than being lost.
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('Export your payouts');

    // Task 2, in the overlay, by keyboard only: Tab to Done, Enter, then 4.
    await page.bringToFront();
    await waitForRecording(page);
    await page.waitForTimeout(500);
    await tabIntoOverlay(page, 1);
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await ext.readStore<StoredSession>('sessions'))[0]!.tasks[1]!.outcome)
      .toBe('done');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/overlay-ease.png` });
    // The page's own scripts may forge key presses: none answers.
    await page.evaluate(() => {
      for (const target of [window, document, document.activeElement!]) {
        for (const key of ['2', 'Escape']) {
          target.dispatchEvent(
            new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }),
          );
        }
      }
    });
    await page.waitForTimeout(300);
    expect((await ext.readStore<StoredSession>('sessions'))[0]!.tasks[1]).not.toHaveProperty(
      'ease',
    );
    await page.keyboard.press('4');
    await expect
      .poll(async () => (await ext.readStore<StoredSession>('sessions'))[0]!.tasks[1]!.ease)
      .toBe(4);
    expect(await focusIsBackOnPage(page)).toBe(true);

    // Task 3, in the overlay: Give up (the second control), then Escape skips.
    await tabIntoOverlay(page, 2);
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await ext.readStore<StoredSession>('sessions'))[0]!.tasks[2]!.outcome)
      .toBe('gave-up');
    await page.waitForTimeout(300);
    await page.keyboard.press('Escape');
    await expect
      .poll(async () => (await ext.readStore<StoredSession>('sessions'))[0]!.tasks[2]!.ease)
      .toBeNull();

    // Nothing is left to ask in the popup either.
    await p.bringToFront();
    await p.getByText('All tasks ended').waitFor();
    expect(await p.getByRole('group', { name: /difficult or easy/ }).count()).toBe(0);
    await popup.stop();

    const [session] = await ext.readStore<StoredSession>('sessions');
    expect(session!.study).toMatchObject({ id: 'kit-ease', round: 2 });
    expect(session!.tasks.map((t) => [t.taskId, t.outcome, t.ease])).toEqual([
      ['t1', 'done', 5],
      ['t2', 'done', 4],
      ['t3', 'gave-up', null],
    ]);

    const review = await ReviewPage.open(ext);
    const download = await review.exportAll();
    const { bytes, json } = await readDownload(download);
    const exported = json.sessions[0] as unknown as StoredSession;
    expect(exported.study.round).toBe(2);
    expect(exported.tasks.map((t) => t.ease)).toEqual([5, 4, null]);

    await review.deleteSession(session!.title);
    expect(await ext.readStore('sessions')).toEqual([]);
    const again = await review.importFile({
      name: 'ease.studygroup.json.gz',
      mimeType: 'application/gzip',
      buffer: bytes,
    });
    expect(again.ok, again.text).toBe(true);
    const [reimported] = await ext.readStore<StoredSession>('sessions');
    expect(reimported!.study.round).toBe(2);
    expect(reimported!.tasks.map((t) => t.ease)).toEqual([5, 4, null]);
  });
});
