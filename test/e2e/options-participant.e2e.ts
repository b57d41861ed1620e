import { mkdir } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { OptionsPage } from './pages/options-page';
import { PopupPage } from './pages/popup-page';
import { seriousA11yViolations } from './support/axe';
import { test } from './support/fixtures';
import { waitForRecording } from './support/recording';

const SHOTS = 'test-results/options';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
];

const TASKS = [
  { id: 't1', title: 'Find your next payout', doneWhen: 'You see its date' },
  { id: 't2', title: 'Export your payouts as a spreadsheet', doneWhen: 'A CSV file is saved' },
  { id: 't3', title: 'Change the payout schedule to weekly', doneWhen: 'It says weekly' },
];

function kitFile(origin: string) {
  return {
    name: 'payouts.studykit.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'study-group-kit',
        version: 1,
        exportedAt: new Date().toISOString(),
        kit: {
          id: 'kit-payouts',
          title: 'Get your payouts',
          scenario: 'You run **Crumb & Co.**, a small bakery, and want your money before Friday.',
          persona: 'Owner of a small bakery, not technical',
          goal: 'See when your money arrives and get it weekly',
          tasks: TASKS,
          rules: ['You do not work here: use only what a customer would see.'],
          origins: [origin],
          timeBoxMinutes: 15,
          tags: [
            { id: 'stuck', label: 'Stuck', color: '#b42318', key: '2' },
            { id: 'slow', label: 'Slow', color: '#0e7090', key: '3' },
          ],
          privacy: { blockSelectors: [], maskSelectors: [] },
          createdAt: 1,
          updatedAt: 1,
        },
      }),
    ),
  };
}

async function previewFrame(page: Page, view: 'consent' | 'panel'): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().endsWith(`#${view}`))).toBe(true);
  return page.frames().find((f) => f.url().endsWith(`#${view}`))!;
}

describe('a participant who imports a kit', () => {
  test('lands on the study as participants see it; the preview is the popup’s consent screen and the page panel', async ({
    demo,
    ext,
  }) => {
    await mkdir(SHOTS, { recursive: true });
    const options = await OptionsPage.open(ext);
    const imported = await options.importKit(kitFile(demo.url));
    expect(imported, imported.text).toEqual({
      ok: true,
      text: expect.stringContaining('Imported'),
    });

    // The participant view, not the editor.
    const view = options.participantView;
    await view.waitFor();
    expect(await options.editor.count()).toBe(0);
    const text = await view.innerText();
    for (const part of [
      'Get your payouts',
      'Owner of a small bakery, not technical',
      'See when your money arrives and get it weekly',
      ...TASKS.map((t) => t.title),
    ])
      expect(text).toContain(part);
    const host = new URL(demo.url).host;
    const open = view.getByRole('link', { name: `Open ${host}` });
    expect(await open.getAttribute('href')).toBe(demo.url);
    expect(text).not.toMatch(/origin/i);

    // The consent screen, at the popup's size, drawn by the popup's own component.
    const consentBox = await view
      .locator('iframe[title="Preview: the consent screen in the popup"]')
      .boundingBox();
    expect([Math.round(consentBox!.width), Math.round(consentBox!.height)]).toEqual([340, 600]);
    const consent = await previewFrame(options.page, 'consent');
    await consent.getByRole('heading', { name: 'Get your payouts' }).waitFor();
    const previewed = await consent.locator('form.consent').innerText();
    expect(previewed).toContain('Owner of a small bakery, not technical');
    for (const task of TASKS) expect(previewed).toContain(task.title);

    // The task panel as the overlay draws it, one task at a time.
    const panel = await previewFrame(options.page, 'panel');
    const task = panel.locator('.sg-task');
    await expect.poll(() => task.innerText()).toMatch(/Task 1 of 3/i);
    expect(await task.innerText()).toContain(TASKS[0]!.title);
    await view.getByRole('button', { name: 'Task 2', exact: true }).click();
    await expect.poll(() => task.innerText()).toContain(TASKS[1]!.title);
    expect(await task.innerText()).toMatch(/Task 2 of 3/i);
    // Done does nothing in the preview, and says so.
    await view.locator('iframe.preview__page').scrollIntoViewIfNeeded();
    // The panel ignores a press on a button that has just appeared (a stray
    // click): press again until one counts, as a person would.
    await expect
      .poll(async () => {
        await panel.getByRole('button', { name: 'Done' }).click();
        return panel.locator('.sg-toast').innerText();
      })
      .toMatch(/preview/);

    for (const size of SIZES) {
      await options.page.setViewportSize(size);
      await options.page.evaluate(() => window.scrollTo(0, 0));
      await options.page.screenshot({
        path: `${SHOTS}/participant-view-${size.width}x${size.height}.png`,
        fullPage: true,
      });
      const fit = await options.page.evaluate(() => [
        document.documentElement.scrollWidth,
        innerWidth,
      ]);
      expect(fit[0]).toBeLessThanOrEqual(fit[1]!);
    }
    expect(await seriousA11yViolations(options.page)).toEqual([]);
    expect(await seriousA11yViolations(consent)).toEqual([]);

    // The real popup shows the same consent screen.
    const product = await ext.context.newPage();
    await product.goto(`${demo.url}/dashboard`);
    const popup = await PopupPage.open(ext);
    await popup.page.getByLabel('Study').selectOption({ label: 'Get your payouts' });
    await popup.page.getByRole('button', { name: 'Continue' }).click();
    const real = await popup.page.locator('form.consent').innerText();
    expect(previewed).toBe(real);
    await popup.close();
    await product.close();

    // Editing is a deliberate switch; the preview follows unsaved edits.
    await options.editKit();
    await options.field('Persona').fill('Owner of two bakeries');
    await options.editor.getByRole('button', { name: 'Preview as participant' }).click();
    await view.waitFor();
    const again = await previewFrame(options.page, 'consent');
    await expect
      .poll(() => again.locator('form.consent').innerText())
      .toContain('Owner of two bakeries');
    await options.page.close();
  });
});

describe('the popup’s quick start', () => {
  test('gives a site typed without a scheme the current tab’s, and asks for another', async ({
    demo,
    ext,
  }) => {
    const host = new URL(demo.url).host;
    const product = await ext.context.newPage();
    await product.goto(`${demo.url}/dashboard`);
    const popup = await PopupPage.open(ext);
    const p = popup.page;
    // The kit imported above is offered first.
    await p.getByLabel('Study').selectOption({ label: 'Quick session (no study kit)' });
    await popup.closeSummary();
    await p.getByLabel('Session title').fill('Bare host');
    await p.getByLabel('Participant alias').fill('P');
    const sites = p.getByLabel('Sites to record');
    const start = p.getByRole('button', { name: 'Start session' });

    // Another port of the same host is another site: asked, and Start waits for the answer.
    const other = `127.0.0.1:${Number(new URL(demo.url).port) + 1}`;
    await sites.fill(`${host}\n${other}`);
    const choice = p.getByRole('group', { name: `Scheme for ${other}` });
    await choice.waitFor();
    expect(await p.getByRole('group', { name: `Scheme for ${host}` }).count()).toBe(0);
    expect(await start.isDisabled()).toBe(true);
    expect(await seriousA11yViolations(p)).toEqual([]);
    await p.setViewportSize({ width: 340, height: 600 });
    await p.screenshot({ path: `${SHOTS}/quick-start-scheme.png` });
    await choice.getByRole('button', { name: `Use http://${other}` }).click();
    expect(await sites.inputValue()).toBe(`${host}\nhttp://${other}`);
    expect(await start.isEnabled()).toBe(true);

    // The tab's own host takes the tab's scheme (http here), not a guessed https://.
    await sites.fill(host);
    expect(await p.locator('#quick-sites-hint').innerText()).toContain(
      `${host}: http://, as in the current tab.`,
    );
    await start.click();
    await p.getByRole('button', { name: 'Stop session' }).waitFor();
    const [session] = await ext.readStore<{ origins: string[] }>('sessions');
    expect(session!.origins).toEqual([demo.url]);
    await product.bringToFront();
    await product.reload();
    await waitForRecording(product);
    await popup.page.bringToFront();
    await popup.stop();
  });
});
