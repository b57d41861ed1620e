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
  async show(studyTitle: string, view: 'Findings' | 'Metrics', round = 1) {
    const studies = this.page.getByRole('region', { name: 'Studies' });
    await studies.getByLabel('Study', { exact: true }).selectOption({
      label: `${studyTitle} · round ${round}`,
    });
    await studies.getByRole('tab', { name: view }).click();
    await studies
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

/** Pick several bundles in the review page's import; returns the status or alert text shown. */
export async function importFiles(
  page: Page,
  files: { name: string; mimeType: string; buffer: Buffer }[],
): Promise<{ ok: boolean; text: string }> {
  await page
    .getByRole('button', { name: 'Dismiss' })
    .click({ timeout: 500 })
    .catch(() => undefined);
  const input = page.getByTestId('import-input');
  const notice = page.locator('[role=status].notice, [role=alert].notice').first();
  const batches = (await input.getAttribute('multiple')) === null ? files.map((f) => [f]) : [files];
  const texts: string[] = [];
  for (const batch of batches) {
    await input.setInputFiles(batch);
    await notice.waitFor({ timeout: 60_000 });
    if ((await notice.getAttribute('role')) !== 'status')
      return { ok: false, text: await notice.innerText() };
    texts.push(await notice.innerText());
  }
  return { ok: true, text: texts.join(' ') };
}

/** Delete the session open in the detail view, confirming. */
export async function deleteSelectedSession(page: Page) {
  const rows = page.locator('table.sessions tbody tr');
  const before = await rows.count();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: 'Delete session' }).click();
  await page.waitForFunction(
    (n) => document.querySelectorAll('table.sessions tbody tr').length === n,
    before - 1,
  );
}
