import type { Locator, Page } from 'playwright-core';

export interface ItemLine {
  title: string;
  status: string;
  /** data-status: queued, running, waiting, done, failed, cancelled. */
  type: string;
}

/** The findings board's tracker export: the bar, the cards' buttons and receipts, the progress panel. */
export class ExportPanel {
  constructor(readonly page: Page) {}

  get board(): Locator {
    return this.page.getByRole('region', { name: /^Findings/ });
  }

  card(title: string | RegExp): Locator {
    return this.board.locator('ol.board__list > li > article').filter({
      has: this.page.getByRole('heading', { name: title, exact: typeof title === 'string' }),
    });
  }

  async chooseTarget(name: string) {
    await this.board.getByLabel('Tracker', { exact: true }).selectOption({ label: name });
  }

  /** The card's own button: "Send to <target>" or "Add new evidence as a comment". */
  sendButton(card: Locator): Locator {
    return card.getByRole('button', { name: /^(Send to |Add new evidence as a comment)/ });
  }

  async select(card: Locator) {
    await card.getByRole('checkbox', { name: /^Select/ }).check();
  }

  async selectAll() {
    await this.board.getByRole('checkbox', { name: 'Select all findings' }).check();
  }

  async existing(choice: 'Add new evidence as a comment' | 'Leave them as they are') {
    await this.board.getByRole('radio', { name: choice }).check();
  }

  async sendSelected() {
    await this.board.getByRole('button', { name: /^Send \d+ selected to / }).click();
  }

  get progress(): Locator {
    return this.page.getByRole('region', { name: 'Exports to trackers' });
  }

  /** The newest batch shown in the progress panel. */
  latestBatch(): Locator {
    return this.progress.locator('article.export-batch').first();
  }

  async items(batch: Locator): Promise<ItemLine[]> {
    const rows = batch.locator('li.export-item');
    const out: ItemLine[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      out.push({
        title: await row.locator('.export-item__title').innerText(),
        status: await row.locator('.export-status').innerText(),
        type: (await row.locator('.export-status').getAttribute('data-status')) ?? '',
      });
    }
    return out;
  }

  /** Waits until every item of the batch satisfies `done` (polling what the page shows). */
  async waitForItems(
    batch: Locator,
    done: (items: ItemLine[]) => boolean,
    timeoutMs = 60_000,
  ): Promise<ItemLine[]> {
    const until = Date.now() + timeoutMs;
    let items: ItemLine[] = [];
    while (Date.now() < until) {
      items = await this.items(batch);
      if (items.length && done(items)) return items;
      await this.page.waitForTimeout(150);
    }
    throw new Error(`export items did not settle: ${JSON.stringify(items)}`);
  }

  receipts(card: Locator): Promise<string[]> {
    return card.getByTestId('receipt').allInnerTexts();
  }
}
