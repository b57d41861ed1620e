import { readFile } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { OptionsPage, type KitForm } from './pages/options-page';
import { seriousA11yViolations } from './support/axe';
import { launchExtension, readDb } from './support/extension';
import { test as base } from './support/fixtures';

/** `ext` is the facilitator's browser, `fresh` a participant's: both live for the whole file. */
const test = base.extend('fresh', { scope: 'file' }, async ({}, { onCleanup }) => {
  const fresh = await launchExtension();
  onCleanup(() => fresh.close());
  return fresh;
});

const KIT: KitForm = {
  title: 'Get paid online — Tillwise',
  scenario:
    'You run **Baker & Daughters**, a small bakery.\n\nCustomers keep asking to pay by card, and you want the money in your bank by Friday.',
  persona: 'Owner of a bakery, not technical, busy mornings',
  goal: 'Receive your first payout',
  tasks: [
    { title: 'Sign up', doneWhen: 'You see the dashboard' },
    { title: 'Connect your bank', doneWhen: 'The bank shows as verified' },
    { title: 'Find the payout date', doneWhen: 'You see the payout date' },
  ],
  rules: [
    'You do not work here: use only what a customer would see.',
    "We are not here to solve problems: notice and note, don't fix.",
    'Think aloud.',
  ],
  origins: 'http://127.0.0.1:4173\nhttps://help.tillwise.example',
  timeBox: '45',
  tags: [
    { label: 'Lost', color: '#6941c6', key: '1' },
    { label: 'Stuck', color: '#123456', key: '2' },
    { label: 'Slow', color: '#0e7090', key: '9' },
    { label: 'Broken', color: '#b42318', key: '4' },
    { label: 'Wording', color: '#c11574', key: '5' },
    { label: 'Delight', color: '#067647', key: '6' },
    { label: 'Pricing', color: '#175cd3', key: '7' },
  ],
  block: '.customer-card\n#iban',
  mask: '[data-private]',
};

/** The studies store, read with plain IndexedDB calls rather than the extension's code. */
async function readStudies(page: Page): Promise<unknown[]> {
  return (await readDb(page, ['studies'])).studies!;
}

const jsonFile = (name: string, text: string) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(text),
});

describe('study kits in the options page', () => {
  let exported: { name: string; text: string };

  test('creates a kit, checks it, saves it and exports it', async ({ ext: first }) => {
    const options = await OptionsPage.open(first);
    expect(await options.studyTitles()).toEqual([]);
    expect(await seriousA11yViolations(options.page)).toEqual([]);

    await options.newStudy();
    const defaults = await options.readKit();
    expect(defaults.rules).toEqual(KIT.rules.slice(0, 2));
    expect(defaults.tags.map((t) => `${t.key} ${t.label}`)).toEqual([
      '1 Confused',
      '2 Stuck',
      '3 Slow',
      '4 Broken',
      '5 Wording',
      '6 Delight',
    ]);

    // Mistakes are reported field by field and nothing is saved.
    await options.fillKit({
      ...KIT,
      origins: 'http://127.0.0.1:4173\nnot an origin!',
      timeBox: '900',
      tags: KIT.tags.map((t, i) => (i === 2 ? { ...t, key: '1' } : t)),
      block: 'div[',
    });
    const refused = await options.saveStudy();
    expect(refused.ok).toBe(false);
    expect(refused.text).toContain('Not an http(s) origin: not an origin!');
    expect(refused.text).toContain('The time box is a whole number of minutes from 1 to 600');
    expect(refused.text).toContain('Key 1 is already used by “Lost”');
    expect(refused.text).toContain('Not a valid CSS selector: div[');
    await expect.poll(() => options.field('Tag 3 Key').getAttribute('aria-invalid')).toBe('true');
    expect(await readStudies(options.page)).toEqual([]);
    expect(await seriousA11yViolations(options.page)).toEqual([]);

    // Reordering: the last task moved to the top and back again.
    await options.editor.getByRole('button', { name: 'Move task 3 up' }).click();
    await options.editor.getByRole('button', { name: 'Move task 2 up' }).click();
    expect(await options.field('Task 1 Title').inputValue()).toBe('Find the payout date');
    await options.editor.getByRole('button', { name: 'Move task 1 down' }).click();
    await options.editor.getByRole('button', { name: 'Move task 2 down' }).click();

    await options.fillKit(KIT);
    const saved = await options.saveStudy();
    expect(saved).toEqual({ ok: true, text: `Saved “${KIT.title}”.` });
    await expect.poll(() => options.studyTitles()).toEqual([KIT.title]);
    expect(await options.readKit()).toEqual(KIT);

    await options.editor.scrollIntoViewIfNeeded();
    await options.studies.screenshot({ path: 'test-results/study-kits-editor.png' });
    expect(await seriousA11yViolations(options.page)).toEqual([]);

    const download = await options.exportKit();
    expect(download.suggestedFilename()).toBe('get-paid-online-tillwise.studykit.json');
    exported = {
      name: download.suggestedFilename(),
      text: await readFile(await download.path(), 'utf8'),
    };
    const file = JSON.parse(exported.text);
    expect(file).toMatchObject({ format: 'study-group-kit', version: 1 });
    const [stored] = await readStudies(options.page);
    expect(file.kit).toEqual(stored);
    expect(file.kit).toMatchObject({
      title: KIT.title,
      origins: ['http://127.0.0.1:4173', 'https://help.tillwise.example'],
      timeBoxMinutes: 45,
      privacy: { blockSelectors: ['.customer-card', '#iban'], maskSelectors: ['[data-private]'] },
    });
  });

  test('imports the exported kit in a fresh profile with every field intact', async ({ fresh }) => {
    const options = await OptionsPage.open(fresh);
    expect(await options.studyTitles()).toEqual([]);

    const result = await options.importKit(jsonFile(exported.name, exported.text));
    expect(result.ok, result.text).toBe(true);
    expect(result.text).toContain(`Imported “${KIT.title}”.`);
    await expect.poll(() => options.studyTitles()).toEqual([KIT.title]);
    // An imported kit opens as its participants see it; editing is a deliberate switch.
    await options.editKit();
    expect(await options.readKit()).toEqual(KIT);
    expect(await readStudies(options.page)).toEqual([JSON.parse(exported.text).kit]);

    const again = await options.importKit(jsonFile(exported.name, exported.text));
    expect(again.ok).toBe(true);
    expect(again.text).toContain('already up to date');
  });

  test('refuses bad kits with a message naming the problem and changes nothing', async ({
    fresh,
  }) => {
    const options = await OptionsPage.open(fresh);
    await expect.poll(() => options.studyTitles()).toEqual([KIT.title]);
    const before = await readStudies(options.page);
    const good = JSON.parse(exported.text);
    // A newer copy of the same kit: were it partly applied, the stored study would change.
    const newer = { ...good, kit: { ...good.kit, updatedAt: good.kit.updatedAt + 1_000 } };
    const cases: [string, string, RegExp][] = [
      ['malformed JSON', exported.text.slice(0, 200), /not valid JSON \(.+\)/],
      [
        'wrong version',
        JSON.stringify({ ...newer, version: 2 }),
        /version 2, made by a newer Study Group/,
      ],
      [
        'missing fields',
        JSON.stringify({
          ...newer,
          kit: { ...newer.kit, tasks: [newer.kit.tasks[0], newer.kit.tasks[1], { id: 'x' }] },
        }),
        /kit\.tasks\[2\]\.title: missing/,
      ],
      [
        'a 5 MB scenario',
        JSON.stringify({ ...newer, kit: { ...newer.kit, scenario: 'x'.repeat(5_000_000) } }),
        /The file is 4\.8 MB; a kit file is at most 1 MB\./,
      ],
      [
        'an invalid selector',
        JSON.stringify({
          ...newer,
          kit: { ...newer.kit, privacy: { blockSelectors: ['div['], maskSelectors: [] } },
        }),
        /kit\.privacy\.blockSelectors\[0\]: “div\[” is not a valid CSS selector/,
      ],
    ];
    for (const [name, text, message] of cases) {
      const result = await options.importKit(jsonFile(`${name}.studykit.json`, text));
      expect(result.ok, name).toBe(false);
      expect(result.text, name).toContain(`Could not import “${name}.studykit.json”`);
      expect(result.text, name).toMatch(message);
      expect(await options.page.getByRole('alert').count(), name).toBeGreaterThan(0);
      expect(await options.studyTitles(), name).toEqual([KIT.title]);
      expect(await readStudies(options.page), name).toEqual(before);
    }
    expect(await seriousA11yViolations(options.page)).toEqual([]);
  });

  test('deletes a study after confirmation', async ({ fresh }) => {
    const options = await OptionsPage.open(fresh);
    await options.openStudy(KIT.title);
    await options.editor.getByRole('button', { name: 'Delete study' }).click();
    const dialog = options.page.getByRole('dialog', { name: `Delete “${KIT.title}”?` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await options.studyTitles()).toEqual([KIT.title]);
    await options.deleteOpenStudy(KIT.title);
    expect(await options.studyTitles()).toEqual([]);
    expect(await readStudies(options.page)).toEqual([]);
  });

  test('keeps the privacy settings working beside the studies', async ({ ext: first }) => {
    const options = await OptionsPage.open(first);
    expect(await options.savePrivacy(['div['], [])).toMatch(/Not a valid CSS selector: div\[/);
    expect(await options.savePrivacy(['.card-accent'], ['.stat-meta'])).toMatch(/Saved/);
  });
});
