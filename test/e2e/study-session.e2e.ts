import { describe, expect } from 'vitest';
import { OptionsPage } from './pages/options-page';
import { Overlay } from './pages/overlay';
import { PopupPage } from './pages/popup-page';
import { seriousA11yViolations } from './support/axe';
import { test } from './support/fixtures';
import { markerOf, waitForRecording } from './support/recording';

const SHOTS = 'test-results';

describe('a participant plays a study kit', () => {
  test('imports a kit, consents, plays its tasks and tags friction', async ({ demo, ext }) => {
    const kit = {
      format: 'study-group-kit',
      version: 1,
      exportedAt: new Date().toISOString(),
      kit: {
        id: 'kit-bakery',
        title: 'Get paid online',
        scenario: 'You run **Crumb & Co.**, a 3-person bakery.\n\nCustomers ask to pay by card.',
        persona: 'Owner of a small bakery, not technical',
        goal: 'Get paid online and see your first payout',
        tasks: [
          { id: 't1', title: 'Find your next payout', doneWhen: 'You can say when it arrives' },
          { id: 't2', title: 'Export your payouts', doneWhen: 'You have a CSV file' },
        ],
        rules: [
          'You do not work here: use only what a customer would see.',
          "We are not here to solve problems: notice and note, don't fix.",
        ],
        origins: [demo.url],
        timeBoxMinutes: 20,
        tags: [
          { id: 'confused', label: 'Confused', color: '#6941c6', key: '1' },
          { id: 'stuck', label: 'Stuck', color: '#b42318', key: '2' },
        ],
        privacy: { blockSelectors: [], maskSelectors: [] },
        createdAt: 1,
        updatedAt: 1,
      },
    };
    const options = await OptionsPage.open(ext);
    const imported = await options.importKit({
      name: 'bakery.studykit.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(kit)),
    });
    expect(imported.ok, imported.text).toBe(true);

    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/dashboard`);
    const popup = await PopupPage.open(ext);
    const p = popup.page;
    await expect.poll(() => p.getByLabel('Study').inputValue()).toBe('kit-bakery');
    await p.getByRole('button', { name: 'Continue' }).click();

    // Consent: what is recorded, the role-play and the two rules, before anything is recorded.
    const consent = p.locator('form.consent');
    await consent.waitFor();
    const text = await consent.innerText();
    for (const expected of [
      new URL(demo.url).host, // a participant reads the host, not the origin
      'Everything you type is masked; passwords are never recorded.',
      'Nothing leaves this browser until you export it.',
      'Crumb & Co.',
      kit.kit.persona,
      kit.kit.goal,
      kit.kit.rules[0]!,
      kit.kit.rules[1]!,
    ]) {
      expect(text).toContain(expected);
    }
    expect(await markerOf(page)).toBeNull(); // nothing recorded before consent
    await p.setViewportSize({ width: 360, height: 720 });
    await p.screenshot({ path: `${SHOTS}/popup-consent.png`, fullPage: true });
    expect(await seriousA11yViolations(p)).toEqual([]);

    await p.getByLabel('Your alias').fill('Baker 3');
    await p.getByRole('button', { name: 'Start session' }).click();
    await p.getByRole('button', { name: 'Stop session' }).waitFor();
    await p.getByRole('heading', { name: 'Find your next payout' }).waitFor();
    expect(await p.getByTestId('elapsed').innerText()).toMatch(/\/ 20:00$/);

    await page.bringToFront();
    await waitForRecording(page);
    await page.waitForTimeout(500);
    const overlay = await Overlay.attach(ext.context, page);
    await overlay.tag({ key: '2', note: 'Where is the payout date?' });
    await overlay.openPalette();
    await page.screenshot({ path: `${SHOTS}/overlay-palette.png` });
    await page.keyboard.press('Escape');

    await p.bringToFront();
    await expect.poll(() => p.locator('.counts').innerText()).toContain('Stuck 1');
    await p.screenshot({ path: `${SHOTS}/popup-recording.png`, fullPage: true });
    expect(await seriousA11yViolations(p)).toEqual([]);

    await p.getByRole('button', { name: 'Done' }).click();
    await p.getByRole('heading', { name: 'Export your payouts' }).waitFor();
    await p.getByRole('button', { name: 'Give up' }).click();
    await p.getByText('All tasks ended').waitFor();
    await popup.stop();

    const [session] = await ext.readStore<{
      title: string;
      participant: string;
      study: { id: string };
      tasks: { taskId: string; startedAt: number; endedAt: number; outcome: string }[];
      goalReached: boolean;
    }>('sessions');
    expect(session).toMatchObject({
      title: 'Get paid online',
      participant: 'Baker 3',
      study: { id: 'kit-bakery' },
    });
    expect(session!.tasks.map((t) => [t.taskId, t.outcome])).toEqual([
      ['t1', 'done'],
      ['t2', 'gave-up'],
    ]);
    expect(session!.tasks[0]!.endedAt).toBe(session!.tasks[1]!.startedAt);
    expect(session!.tasks.every((t) => t.endedAt >= t.startedAt)).toBe(true);
    expect(session!.goalReached).toBe(false);
  });
});
