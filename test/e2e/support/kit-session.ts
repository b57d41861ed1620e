import { expect } from 'vitest';
import { OptionsPage } from '../pages/options-page';
import { PopupPage } from '../pages/popup-page';
import type { ExtensionBrowser } from './extension';
import { waitForRecording } from './recording';

/** A kit with three tasks and a one-minute time box, on `origin`. */
export const kitFile = (origin: string, id = 'kit-dock') => ({
  format: 'study-group-kit',
  version: 1,
  exportedAt: new Date().toISOString(),
  kit: {
    id,
    title: 'Open an account',
    scenario: 'You run a small bakery and want to take card payments.',
    persona: 'Bakery owner',
    goal: 'An account you can sign in to',
    tasks: [
      { id: 't1', title: 'Create your account', doneWhen: 'You see your dashboard' },
      { id: 't2', title: 'Find your next payout', doneWhen: 'You can say when it arrives' },
      { id: 't3', title: 'Export your payouts', doneWhen: 'You have a CSV file' },
    ],
    rules: ['You do not work here: use only what a customer would see.'],
    origins: [origin],
    timeBoxMinutes: 1,
    tags: [{ id: 'stuck', label: 'Stuck', color: '#b42318', key: '2' }],
    privacy: { blockSelectors: [], maskSelectors: [] },
    createdAt: 1,
    updatedAt: 1,
  },
});

/** Imports the kit and starts it from the popup on `url`. */
export async function startKit(ext: ExtensionBrowser, url: string, kit: object) {
  const options = await OptionsPage.open(ext);
  const imported = await options.importKit({
    name: 'dock.studykit.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(kit)),
  });
  expect(imported.ok, imported.text).toBe(true);
  await options.page.close();
  const page = await ext.context.newPage();
  await page.goto(url);
  const popup = await PopupPage.open(ext);
  const p = popup.page;
  await p.getByRole('button', { name: 'Continue' }).click();
  await p.getByLabel('Your alias').fill('Baker 7');
  await p.getByRole('button', { name: 'Start session' }).click();
  await p.getByRole('button', { name: 'Pause' }).waitFor();
  await page.bringToFront();
  await waitForRecording(page);
  return { page, popup };
}
