import { mkdir } from 'node:fs/promises';
import { LAPTOP_SCREEN_ARG } from '../../scripts/popup-driver.mjs';
import { describe, expect } from 'vitest';
import { OptionsPage } from './pages/options-page';
import { Overlay } from './pages/overlay';
import { PopupPage } from './pages/popup-page';
import { seriousA11yViolations } from './support/axe';
import { readDownload } from './support/bundle';
import { test } from './support/fixtures';
import { waitForRecording } from './support/recording';

/** One picture per state of the real popup, at its real size (npm run screenshots:popup). */
const SHOTS = 'test-results/popup';
/** Chrome sizes an extension popup to its content, at most 800x600; ours is 340 px wide. */
const CAP = { width: 800, height: 600 };
const WIDTH = 340;

const TASKS = [
  'Find your next payout',
  'Export your payouts',
  'Change the payout schedule to weekly',
  'Add a second bank account',
  'Find the fee for an international card',
  'Download last month’s invoice',
].map((title, i) => ({ id: `t${i + 1}`, title, doneWhen: `You can show task ${i + 1} is done` }));

function mmss(ms: number): string {
  const total = Math.floor(ms / 1_000);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * Look at one state of the popup: its picture, no serious axe violation, as
 * wide as designed and filling its window, never scrolling sideways, and
 * (unless it is a view meant to scroll) all of it on screen without
 * scrolling; its main control always on screen.
 */
async function state(
  popup: PopupPage,
  name: string,
  { scrolls = false, control }: { scrolls?: boolean; control: string },
) {
  await popup.screenshot(`${SHOTS}/${name}.png`);
  expect.soft(await popup.onScreen(await popup.rect(control)), `${name}: ${control}`).toBe(true);
  expect.soft(await seriousA11yViolations(popup.page), name).toEqual([]);
  // Words for a participant: sites by their name, never "origins".
  expect.soft(await popup.page.locator('main').innerText(), name).not.toMatch(/origin/i);
  const layout = await popup.layout();
  // Chrome widens a popup that scrolls for its scrollbar (and may keep that width after it
  // shrank again): the content fills the window whatever its width.
  expect.soft(layout.width, name).toBeGreaterThanOrEqual(WIDTH);
  expect.soft(layout.width, name).toBeLessThanOrEqual(WIDTH + 40);
  expect.soft(layout.contentWidth, name).toBe(layout.clientWidth);
  expect.soft(layout.height, name).toBeLessThanOrEqual(CAP.height);
  expect.soft(layout.scrollWidth, name).toBeLessThanOrEqual(layout.clientWidth);
  expect.soft(layout.nestedScrollers, `${name}: a second scrollbar`).toEqual([]);
  expect.soft(layout.clipped, `${name}: cut off`).toEqual([]);
  if (!scrolls) {
    // Chrome sizes the window to the content's height rounded down: up to 1 px of it may overflow.
    // (Headless Chromium's scrollbars overlay the page: only the height tells that it scrolls.)
    expect.soft(layout.scrollHeight, name).toBeLessThanOrEqual(layout.height + 1);
  }
  return layout;
}

describe('the popup from consent to the saved session', () => {
  test('in the real toolbar popup: consent fits; after Stop the summary saves a file named for study and alias', async ({
    demo,
    launch,
  }) => {
    const ext = await launch({ args: [LAPTOP_SCREEN_ARG] });
    const scenario = Array.from(
      { length: 6 },
      (_, i) =>
        `Paragraph ${i + 1}: you run **Crumb & Co.**, a 3-person bakery. Customers ask to pay by card, and you want the money on your account before the weekend.`,
    ).join('\n\n');
    const options = await OptionsPage.open(ext);
    const imported = await options.importKit({
      name: 'long.studykit.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          format: 'study-group-kit',
          version: 1,
          exportedAt: new Date().toISOString(),
          kit: {
            id: 'kit-long',
            title: 'Get paid online',
            scenario,
            persona: 'Owner of a small bakery, not technical',
            goal: 'Get paid online and see your first payout',
            tasks: TASKS,
            rules: ['You do not work here: use only what a customer would see.'],
            origins: [demo.url],
            timeBoxMinutes: 20,
            tags: [{ id: 'stuck', label: 'Stuck', color: '#b42318', key: '2' }],
            privacy: { blockSelectors: [], maskSelectors: [] },
            createdAt: 1,
            updatedAt: 1,
          },
        }),
      ),
    });
    expect(imported.ok, imported.text).toBe(true);
    await options.page.close();
    await mkdir(SHOTS, { recursive: true });

    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/dashboard`);
    await page.bringToFront();
    let popup = await PopupPage.openReal(ext);
    let p = popup.page;

    // Choose: the imported study is preselected, and the settings stay one click away.
    await expect.poll(() => p.getByLabel('Study').inputValue()).toBe('kit-long');
    await state(popup, 'choose-study', { control: 'Continue' });
    const [options2] = await Promise.all([
      ext.context.waitForEvent('page'),
      p.getByRole('button', { name: 'Studies & settings' }).click(),
    ]);
    await options2.waitForURL(ext.url('options.html'));
    await options2.close();
    await page.bringToFront();
    popup = await PopupPage.openReal(ext);
    p = popup.page;
    await p.getByRole('button', { name: 'Continue' }).click();

    // Consent: longer than Chrome lets a popup be, so the popup stops at 600 px and scrolls,
    // yet the alias and Start are on screen.
    const consent = p.locator('form.consent');
    await consent.waitFor();
    const top = await state(popup, 'consent-top', { scrolls: true, control: 'Start session' });
    expect(top.height).toBe(CAP.height);
    expect(top.scrollHeight).toBeGreaterThan(top.height);
    const alias = p.getByLabel('Your alias');
    const start = p.getByRole('button', { name: 'Start session' });
    expect(await popup.onScreen(await alias.boundingBox())).toBe(true);
    expect(await popup.onScreen(await start.boundingBox())).toBe(true);
    expect(await popup.onScreen(await p.getByTestId('consent-length').boundingBox())).toBe(true);
    expect(await p.getByTestId('consent-length').innerText()).toBe('6 tasks, about 20 minutes');
    const host = new URL(demo.url).host;
    const text = await consent.innerText();
    expect(text).toContain(`Only pages of ${host},`);
    expect(text).not.toContain('http://');

    // Every task is reachable by scrolling, above the sticky footer, and Start is still on screen.
    const lastTask = consent.getByRole('listitem').filter({ hasText: TASKS[5]!.title });
    await lastTask.scrollIntoViewIfNeeded();
    await p.evaluate(() => window.scrollBy(0, 120));
    const footerTop = (await p.locator('.consent__footer').boundingBox())!.y;
    const taskBox = (await lastTask.boundingBox())!;
    expect(taskBox.y).toBeGreaterThanOrEqual(0);
    expect(taskBox.y + taskBox.height).toBeLessThanOrEqual(footerTop);
    expect(await popup.onScreen(await start.boundingBox())).toBe(true);
    expect(await consent.getByRole('listitem').allInnerTexts()).toEqual(
      expect.arrayContaining(TASKS.map((t) => expect.stringContaining(t.title))),
    );
    await state(popup, 'consent-scrolled', { scrolls: true, control: 'Start session' });

    // Live: the first task, with Done and Give up, and Stop, all on screen.
    await alias.fill('Baker 3');
    await start.click();
    await p.getByRole('heading', { name: TASKS[0]!.title }).waitFor();
    await state(popup, 'live-session', { control: 'Stop session' });

    // Tag once in the page (the popup closes as the page takes the focus, as in Chrome).
    await page.bringToFront();
    await waitForRecording(page);
    await expect.poll(() => popup.page.isClosed()).toBe(true);
    const overlay = await Overlay.attach(ext.context, page);
    await overlay.tag({ key: '2', note: 'Where is the payout date?' });
    await page.bringToFront();
    popup = await PopupPage.openReal(ext);
    p = popup.page;
    await expect.poll(() => p.locator('.counts').innerText()).toContain('Stuck 1');

    // Finish one task, give up the next: the ease question joins the task on screen.
    await p.getByRole('button', { name: 'Done' }).click();
    await p.getByRole('heading', { name: TASKS[1]!.title }).waitFor();
    await p.getByRole('group', { name: /difficult or easy/ }).waitFor();
    await state(popup, 'live-ease-question', { control: 'Stop session' });
    await p.getByRole('button', { name: 'Give up' }).click();
    await p.getByRole('heading', { name: TASKS[2]!.title }).waitFor();

    await popup.pause();
    await state(popup, 'paused', { control: 'Stop session' });
    await popup.resume();
    await p.getByRole('button', { name: '4', exact: true }).click();
    await p.getByRole('group', { name: /difficult or easy/ }).waitFor({ state: 'detached' });

    // Over the time box: 20 minutes cannot be waited for here, so the run is moved back 21
    // minutes in the stored session (the popup and the background read it from there). The
    // write bypasses Dexie, so the open popup is not told: open it again, as a participant would.
    const [live] = await ext.readStore<{ runStartedAt: number | null }>('sessions');
    expect(live!.runStartedAt).not.toBeNull();
    await ext.writeStore('sessions', [
      { ...live, runStartedAt: live!.runStartedAt! - 21 * 60_000 },
    ]);
    await popup.close();
    popup = await PopupPage.openReal(ext);
    p = popup.page;
    await expect.poll(() => p.locator('[data-testid="elapsed"] .over').count()).toBe(1);
    expect(await popup.stat('elapsed')).toMatch(/^2\d:\d\d \/ 20:00$/);
    expect(await p.getByTestId('over-time').innerText()).toContain('Over the 20-minute time box');
    await state(popup, 'over-time', { control: 'Stop session' });

    await popup.stop();

    // The summary says what the store holds.
    await popup.summary().waitFor();
    const [session] = await ext.readStore<{
      id: string;
      activeMs: number;
      stats: { pages: number };
    }>('sessions');
    const annotations = await ext.readStore<{ sessionId: string }>('annotations');
    const friction = annotations.filter((a) => a.sessionId === session!.id).length;
    expect(friction).toBeGreaterThanOrEqual(1);
    expect(session!.stats.pages).toBeGreaterThanOrEqual(1);
    expect(await popup.summaryStat('duration')).toBe(mmss(session!.activeMs));
    expect(await popup.summaryStat('pages')).toBe(String(session!.stats.pages));
    expect(await popup.summaryStat('friction')).toBe(String(friction));
    const outcomes = await popup.summaryStat('tasks');
    expect(outcomes).toMatch(new RegExp(`${TASKS[0]!.title}:\\s+Done`));
    expect(outcomes).toMatch(new RegExp(`${TASKS[1]!.title}:\\s+Gave up`));
    expect(outcomes).toMatch(new RegExp(`${TASKS[2]!.title}:\\s+Not finished`));
    await state(popup, 'summary', { control: 'Save my session for the facilitator' });

    // Reopened, the popup still shows the summary; the saved file names study and alias.
    await popup.close();
    const again = await PopupPage.openReal(ext);
    await again.summary().waitFor();
    const download = await again.saveSession();
    const today = new Date().toISOString().slice(0, 10);
    expect(download.suggestedFilename()).toBe(
      `get-paid-online-baker-3-${today}.studygroup.json.gz`,
    );
    const bundle = await readDownload(download);
    expect(bundle.json.sessions.map((s) => s.id)).toEqual([session!.id]);

    // Closed, it stays closed on the next opening, and the settings are still one click away.
    await again.page
      .getByRole('button', { name: 'Close summary and start another session' })
      .click();
    await again.page.getByLabel('Study').waitFor();
    await again.close();
    const third = await PopupPage.openReal(ext);
    await third.page.getByLabel('Study').waitFor();
    expect(await third.summary().count()).toBe(0);
    await third.page.getByRole('button', { name: 'Studies & settings' }).waitFor();

    // A quick session (no kit) proposes the front tab's site, in words a participant reads.
    await third.page.getByLabel('Study').selectOption({ label: 'Quick session (no study kit)' });
    expect(await third.origins()).toBe(demo.url);
    const title = third.page.getByLabel('Session title');
    expect(await title.inputValue()).toBe('');
    expect(await title.getAttribute('placeholder')).toMatch(/^e\.g\. /);
    await state(third, 'quick-session', { control: 'Start session' });
  });
});
