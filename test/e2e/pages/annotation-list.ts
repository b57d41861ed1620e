import type { Locator, Page } from 'playwright-core';

/** The review page's list of friction beside the player, and its forms. */
export class AnnotationList {
  readonly region: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: /Friction noted/ });
  }

  /** The list entry whose text matches (label, note, page…). */
  item(text: string | RegExp): Locator {
    return this.region.getByRole('listitem').filter({ hasText: text });
  }

  items(): Locator {
    return this.region.getByRole('listitem');
  }

  /** The open edit or observation form. */
  form(name: string | RegExp): Locator {
    return this.region.getByRole('form', { name });
  }

  async shownCount(): Promise<string> {
    return this.region.getByRole('status').innerText();
  }
}
