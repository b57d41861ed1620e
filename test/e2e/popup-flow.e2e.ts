import { describe, expect } from 'vitest';
import { OptionsPage } from './pages/options-page';
import { Overlay } from './pages/overlay';
import { PopupPage } from './pages/popup-page';
import { seriousA11yViolations } from './support/axe';
import { readDownload } from './support/bundle';
import { test } from './support/fixtures';
import { waitForRecording } from './support/recording';

const SHOTS = 'test-results';
/** Chrome caps an extension popup at 600 px; the popup is 340 px wide. */
const POPUP = { width: 340, height: 600 };

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

describe('the popup from consent to the saved session', () => {
  test('consent fits the popup; after Stop the summary saves a file named for study and alias', async ({
    demo,
    ext,
  }) => {
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

    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/dashboard`);
    const popup = await PopupPage.open(ext);
    const p = popup.page;
    await p.setViewportSize(POPUP);
    await expect.poll(() => p.getByLabel('Study').inputValue()).toBe('kit-long');
    await p.getByRole('button', { name: 'Studies & settings' }).waitFor();
    await p.getByRole('button', { name: 'Continue' }).click();

    // Consent: longer than the popup, yet the alias and Start are on screen.
    const consent = p.locator('form.consent');
    await consent.waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(
      POPUP.height,
    );
    const alias = p.getByLabel('Your alias');
    const start = p.getByRole('button', { name: 'Start session' });
    const within = async (box: { y: number; height: number } | null) =>
      box !== null && box.y >= 0 && box.y + box.height <= POPUP.height;
    expect(await within(await alias.boundingBox())).toBe(true);
    expect(await within(await start.boundingBox())).toBe(true);
    expect(await p.getByTestId('consent-length').innerText()).toBe('6 tasks, about 20 minutes');
    const host = new URL(demo.url).host;
    const text = await consent.innerText();
    expect(text).toContain(`Only pages of ${host},`);
    expect(text).not.toContain('http://');
    await p.screenshot({ path: `${SHOTS}/popup-consent-600.png` });
    expect(await seriousA11yViolations(p)).toEqual([]);

    // Every task is reachable by scrolling, above the sticky footer, and Start is still on screen.
    const lastTask = consent.getByRole('listitem').filter({ hasText: TASKS[5]!.title });
    await lastTask.scrollIntoViewIfNeeded();
    await p.evaluate(() => window.scrollBy(0, 120));
    const footerTop = (await p.locator('.consent__footer').boundingBox())!.y;
    const taskBox = (await lastTask.boundingBox())!;
    expect(taskBox.y).toBeGreaterThanOrEqual(0);
    expect(taskBox.y + taskBox.height).toBeLessThanOrEqual(footerTop);
    expect(await within(await start.boundingBox())).toBe(true);
    expect(await consent.getByRole('listitem').allInnerTexts()).toEqual(
      expect.arrayContaining(TASKS.map((t) => expect.stringContaining(t.title))),
    );
    await p.screenshot({ path: `${SHOTS}/popup-consent-600-scrolled.png` });

    // Play: tag once, finish one task, give up the next, then stop.
    await alias.fill('Baker 3');
    await start.click();
    await p.getByRole('heading', { name: TASKS[0]!.title }).waitFor();
    await page.bringToFront();
    await waitForRecording(page);
    const overlay = await Overlay.attach(ext.context, page);
    await overlay.tag({ key: '2', note: 'Where is the payout date?' });
    await p.bringToFront();
    await expect.poll(() => p.locator('.counts').innerText()).toContain('Stuck 1');
    await p.getByRole('button', { name: 'Done' }).click();
    await p.getByRole('heading', { name: TASKS[1]!.title }).waitFor();
    await p.getByRole('button', { name: 'Give up' }).click();
    await p.getByRole('heading', { name: TASKS[2]!.title }).waitFor();
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
    expect(outcomes).toContain(`${TASKS[0]!.title}: Done`);
    expect(outcomes).toContain(`${TASKS[1]!.title}: Gave up`);
    expect(outcomes).toContain(`${TASKS[2]!.title}: Not finished`);
    await p.screenshot({ path: `${SHOTS}/popup-summary.png` });
    expect(await seriousA11yViolations(p)).toEqual([]);

    // Reopened, the popup still shows the summary; the saved file names study and alias.
    await popup.close();
    const again = await PopupPage.open(ext);
    await again.page.setViewportSize(POPUP);
    await again.summary().waitFor();
    const download = await again.saveSession();
    const today = new Date().toISOString().slice(0, 10);
    expect(download.suggestedFilename()).toBe(
      `get-paid-online-baker-3-${today}.studygroup.json.gz`,
    );
    const bundle = await readDownload(download);
    expect(bundle.json.sessions.map((s) => s.id)).toEqual([session!.id]);

    // Closed, it stays closed on the next opening.
    await again.page
      .getByRole('button', { name: 'Close summary and start another session' })
      .click();
    await again.page.getByLabel('Study').waitFor();
    await again.close();
    const third = await PopupPage.open(ext);
    await third.page.getByLabel('Study').waitFor();
    expect(await third.summary().count()).toBe(0);
  });
});
