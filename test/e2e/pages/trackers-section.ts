import type { Locator, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../support/extension';

/** One line of "Test connection": its mark read as text, not colour. */
export interface CheckLine {
  ok: boolean;
  label: string;
  detail: string;
}

export interface RedmineFields {
  name: string;
  baseUrl: string;
  project: string;
  apiKey: string;
  labels: string;
}

/** The options page's Trackers section. */
export class TrackersSection {
  private constructor(readonly page: Page) {}

  static async open(ext: ExtensionBrowser): Promise<TrackersSection> {
    const page = await ext.context.newPage();
    await page.goto(ext.url('/options.html#trackers'));
    const section = new TrackersSection(page);
    await section.region.getByRole('button', { name: 'Add tracker' }).waitFor();
    return section;
  }

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Trackers', exact: true });
  }

  get form(): Locator {
    return this.region.locator('form.tracker-form');
  }

  async add(type: 'Redmine' | 'GitHub Issues' | 'Jira Cloud' | 'Linear' | 'GitLab' | 'Webhook') {
    await this.region.getByLabel('Tracker type').selectOption({ label: type });
    await this.region.getByRole('button', { name: 'Add tracker' }).click();
    await this.form.waitFor();
  }

  async fillRedmine(fields: Partial<RedmineFields>) {
    const f = this.form;
    if (fields.name !== undefined) await f.getByLabel('Name', { exact: true }).fill(fields.name);
    if (fields.baseUrl !== undefined) await f.getByLabel('Redmine URL').fill(fields.baseUrl);
    if (fields.project !== undefined)
      await f.getByLabel('Project', { exact: true }).fill(fields.project);
    if (fields.apiKey !== undefined)
      await f.getByLabel('API key', { exact: true }).fill(fields.apiKey);
    if (fields.labels !== undefined) await f.getByLabel('Default labels').fill(fields.labels);
  }

  /** Press "Test connection" and read each check once they are shown, or the failure. */
  async testConnection(): Promise<{ checks: CheckLine[] } | { error: string }> {
    await this.form.getByRole('button', { name: 'Test connection' }).click();
    const result = this.form.locator('.connection, .notice--error');
    await result.first().waitFor({ timeout: 30_000 });
    if (await this.form.locator('.notice--error').count())
      return { error: await this.form.locator('.notice--error').innerText() };
    const lines = this.form.locator('.connection__checks > li');
    const checks: CheckLine[] = [];
    for (let i = 0; i < (await lines.count()); i++) {
      const line = lines.nth(i);
      checks.push({
        ok: (await line.locator('.visually-hidden').innerText()).startsWith('Passed'),
        label: await line.locator('strong').innerText(),
        detail: (
          await line
            .locator('.connection__detail')
            .innerText()
            .catch(() => '')
        ).replace(/^\s*—\s*/, ''),
      });
    }
    return { checks };
  }

  /** Save; returns the notice shown (the form closes once saved). */
  async save(): Promise<string> {
    await this.form.getByRole('button', { name: 'Save tracker' }).click();
    const notice = this.region.locator('.notice > span').first();
    await notice.waitFor();
    return notice.innerText();
  }

  /** The messages shown next to the form's fields. */
  fieldErrors(): Promise<string[]> {
    return this.form.locator('.field-error').allInnerTexts();
  }

  async edit(name: string) {
    await this.region.getByRole('button', { name: `Edit ${name}` }).click();
    await this.form.waitFor();
  }

  /** The masked text shown for a saved secret ("saved ••••abcd"). */
  savedSecret(key: string): Promise<string> {
    return this.form.getByTestId(`secret-${key}`).innerText();
  }

  async replaceSecret(label: string, value: string) {
    await this.form.getByRole('button', { name: `Replace ${label}` }).click();
    await this.form.getByLabel(label, { exact: true }).fill(value);
  }

  async cancel() {
    await this.form.getByRole('button', { name: 'Cancel' }).click();
    await this.form.waitFor({ state: 'detached' });
  }

  names(): Promise<string[]> {
    return this.region.locator('.tracker-item__name').allInnerTexts();
  }
}
