import type { Locator, Page } from 'playwright-core';

/** What a finding card says, read from the page as a reviewer sees it. */
export interface FindingCardText {
  title: string;
  reach: string;
  facts: string;
}

/** The findings board of the study open in the review page. */
export class FindingsBoardPage {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: /^Findings/ });
  }

  cards(): Locator {
    return this.region.locator('ol.board__list > li > article');
  }

  card(title: string | RegExp): Locator {
    return this.cards().filter({
      has: this.page.getByRole('heading', { name: title, exact: typeof title === 'string' }),
    });
  }

  /** Show one view (Findings or Metrics) of a study's round. */
  async show(studyTitle: string, view: 'Sessions' | 'Findings' | 'Metrics', round = 1) {
    const kit = this.page
      .getByRole('navigation', { name: 'Studies' })
      .getByRole('region', { name: studyTitle });
    await kit.getByRole('button', { name: new RegExp(`^Round ${round}\\b`) }).click();
    await this.page.getByRole('tab', { name: view }).click();
    const panel = this.page.getByRole('tabpanel', { name: view });
    if (view === 'Sessions') await panel.locator('table.sessions').waitFor();
    else
      await panel
        .getByRole('heading', { level: 2, name: view === 'Findings' ? /^Findings/ : 'Metrics' })
        .waitFor();
  }

  /** Every card, in board order, once `count` of them are shown. */
  async read(count: number): Promise<FindingCardText[]> {
    const cards = this.cards();
    await cards.nth(count - 1).waitFor();
    const result: FindingCardText[] = [];
    for (let i = 0; i < (await cards.count()); i++) {
      const card = cards.nth(i);
      result.push({
        title: await card.locator('.finding__title').innerText(),
        reach: await card.getByTestId('finding-reach').innerText(),
        facts: await card.locator('.finding__facts').innerText(),
      });
    }
    return result;
  }

  async open(title: string | RegExp): Promise<Locator> {
    const card = this.card(title);
    const toggle = card.getByRole('button', { name: /^(Open|Close)\b/ });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await card.getByRole('heading', { name: 'Evidence' }).waitFor();
    return card;
  }

  async rename(card: Locator, title: string) {
    await card.getByLabel('Title', { exact: true }).fill(title);
    await card.getByRole('button', { name: 'Rename' }).click();
  }

  async setStatus(card: Locator, status: 'New' | 'Accepted' | 'Won’t fix') {
    await card.getByLabel('Status').selectOption({ label: status });
  }

  async mergeInto(card: Locator, otherTitle: string) {
    await card.getByLabel('Merge into this one').selectOption({ label: otherTitle });
    await card.getByRole('button', { name: 'Merge', exact: true }).click();
  }

  /** Tick evidence items by participant and split them out. */
  async split(card: Locator, participants: string[]) {
    for (const who of participants) {
      await card.getByRole('checkbox', { name: new RegExp(`^Choose ${who}’s`) }).check();
    }
    await card.getByRole('button', { name: 'Split the chosen into a new finding' }).click();
  }

  evidence(card: Locator): Locator {
    return card.locator('.evidence__item');
  }
}

/** Pick several bundles at once in the review page's import; the results it shows, file by file. */
export async function importFiles(
  page: Page,
  files: { name: string; mimeType: string; buffer: Buffer }[],
): Promise<{ ok: boolean; files: string[] }> {
  const results = page.locator('.import-results');
  if (await results.count()) await results.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByTestId('import-input').setInputFiles(files);
  await results.waitFor({ timeout: 60_000 });
  return {
    ok: (await results.getAttribute('role')) === 'status',
    files: await results.getByRole('listitem').allInnerTexts(),
  };
}

/** Delete the session open in the detail view, confirming. */
export async function deleteSelectedSession(page: Page) {
  const detail = page.locator('section.detail');
  await detail.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: 'Delete session' }).click();
  await detail.waitFor({ state: 'detached' });
}
