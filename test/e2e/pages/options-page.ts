import type { Download, Locator, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../support/extension';

/** What the study form shows, field by field (tags in list order). */
export interface KitForm {
  title: string;
  scenario: string;
  persona: string;
  goal: string;
  tasks: { title: string; doneWhen: string }[];
  rules: string[];
  origins: string;
  timeBox: string;
  tags: { label: string; color: string; key: string }[];
  block: string;
  mask: string;
}

export class OptionsPage {
  private constructor(readonly page: Page) {}

  static async open(ext: ExtensionBrowser): Promise<OptionsPage> {
    const page = await ext.context.newPage();
    await page.goto(ext.url('/options.html'));
    await page.getByRole('heading', { name: 'Study Group settings' }).waitFor();
    return new OptionsPage(page);
  }

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Settings sections' });
  }

  /** Show one section of the page through its navigation, if it is not shown already. */
  async show(section: 'Studies' | 'Privacy' | 'Friction detection' | 'Trackers') {
    const link = this.nav.getByRole('link', { name: section, exact: true });
    if ((await link.getAttribute('aria-current')) === 'page') return;
    await link.click();
    await this.page.getByRole('region', { name: section, exact: true }).waitFor();
  }

  /** Fill the selector lists and save; returns the status or alert text shown. */
  async savePrivacy(block: string[], mask: string[]): Promise<string> {
    await this.show('Privacy');
    await this.page.getByLabel('Block these elements').fill(block.join('\n'));
    await this.page.getByLabel('Mask the text of these elements').fill(mask.join('\n'));
    await this.page.getByRole('button', { name: 'Save privacy settings' }).click();
    return this.page.getByRole('region', { name: 'Privacy' }).locator('.notice').innerText();
  }

  /** Turn "Keep full URLs" on or off and save; returns the status or alert text shown. */
  async saveKeepFullUrls(keep: boolean): Promise<string> {
    await this.show('Privacy');
    await this.page
      .getByLabel('Keep full URLs, query values and fragments included')
      .setChecked(keep);
    await this.page.getByRole('button', { name: 'Save privacy settings' }).click();
    return this.page.getByRole('region', { name: 'Privacy' }).locator('.notice').innerText();
  }

  get studies(): Locator {
    return this.page.getByRole('region', { name: 'Studies', exact: true });
  }

  get editor(): Locator {
    return this.studies.locator('form.editor');
  }

  /** Titles in the list of saved studies, once it has loaded. */
  async studyTitles(): Promise<string[]> {
    await this.show('Studies');
    await this.studies.locator('.study-list, .empty').first().waitFor();
    return this.studies.locator('.study-item__title').allInnerTexts();
  }

  async newStudy() {
    await this.show('Studies');
    await this.studies.getByRole('button', { name: 'New study' }).click();
    await this.editor.getByRole('heading', { name: 'New study' }).waitFor();
  }

  async openStudy(title: string) {
    await this.show('Studies');
    await this.studies.getByRole('button', { name: title }).click();
    await this.editor.getByRole('heading', { name: `Edit “${title}”` }).waitFor();
  }

  field(label: string): Locator {
    return this.editor.getByLabel(label, { exact: true });
  }

  /** Replace the form's content; tasks, rules and tags are added or removed to match. */
  async fillKit(kit: KitForm) {
    await this.field('Study title').fill(kit.title);
    await this.field('Scenario').fill(kit.scenario);
    await this.field('Persona').fill(kit.persona);
    await this.field('Goal').fill(kit.goal);
    await this.resize('task', kit.tasks.length, 'Add task');
    for (const [i, task] of kit.tasks.entries()) {
      await this.field(`Task ${i + 1} Title`).fill(task.title);
      await this.field(`Task ${i + 1} Done when`).fill(task.doneWhen);
    }
    await this.resize('rule', kit.rules.length, 'Add rule');
    for (const [i, rule] of kit.rules.entries()) await this.field(`Rule ${i + 1}`).fill(rule);
    await this.field('Origins to record').fill(kit.origins);
    await this.field('Time box (minutes)').fill(kit.timeBox);
    await this.resize('tag', kit.tags.length, 'Add tag');
    for (const [i, tag] of kit.tags.entries()) {
      await this.field(`Tag ${i + 1} Label`).fill(tag.label);
      await this.field(`Tag ${i + 1} Colour`).fill(tag.color);
      await this.field(`Tag ${i + 1} Key`).selectOption(tag.key);
    }
    await this.field('Block selectors for this study').fill(kit.block);
    await this.field('Mask selectors for this study').fill(kit.mask);
  }

  /** Add items with the button, or remove the last ones, until there are `count`. */
  private async resize(item: 'task' | 'rule' | 'tag', count: number, addLabel: string) {
    const removers = this.editor.getByRole('button', { name: new RegExp(`^Remove ${item} \\d+$`) });
    while ((await removers.count()) > count) {
      await this.editor
        .getByRole('button', { name: `Remove ${item} ${await removers.count()}`, exact: true })
        .click();
    }
    while ((await removers.count()) < count) {
      await this.editor.getByRole('button', { name: addLabel }).click();
    }
  }

  async readKit(): Promise<KitForm> {
    const value = (label: string) => this.field(label).inputValue();
    const count = (item: string) =>
      this.editor.getByRole('button', { name: new RegExp(`^Remove ${item} \\d+$`) }).count();
    const tasks = [];
    for (let i = 1; i <= (await count('task')); i++) {
      tasks.push({
        title: await value(`Task ${i} Title`),
        doneWhen: await value(`Task ${i} Done when`),
      });
    }
    const rules = [];
    for (let i = 1; i <= (await count('rule')); i++) rules.push(await value(`Rule ${i}`));
    const tags = [];
    for (let i = 1; i <= (await count('tag')); i++) {
      tags.push({
        label: await value(`Tag ${i} Label`),
        color: await value(`Tag ${i} Colour`),
        key: await value(`Tag ${i} Key`),
      });
    }
    return {
      title: await value('Study title'),
      scenario: await value('Scenario'),
      persona: await value('Persona'),
      goal: await value('Goal'),
      tasks,
      rules,
      origins: await value('Origins to record'),
      timeBox: await value('Time box (minutes)'),
      tags,
      block: await value('Block selectors for this study'),
      mask: await value('Mask selectors for this study'),
    };
  }

  /** Save and return the text of the status or alert the editor shows. */
  async saveStudy(): Promise<{ ok: boolean; text: string }> {
    await this.editor.getByRole('button', { name: 'Save as ready' }).click();
    const notice = this.editor.locator('[role=status].notice, [role=alert].notice');
    await notice.waitFor();
    return { ok: (await notice.getAttribute('role')) === 'status', text: await notice.innerText() };
  }

  async exportKit(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.editor.getByRole('button', { name: 'Export kit' }).click(),
    ]);
    return download;
  }

  /** Import a file and return the status or alert text it produced. */
  async importKit(file: {
    name: string;
    mimeType: string;
    buffer: Buffer;
  }): Promise<{ ok: boolean; text: string }> {
    await this.show('Studies');
    await this.studies
      .getByRole('button', { name: 'Dismiss' })
      .click({ timeout: 500 })
      .catch(() => undefined);
    await this.page.getByTestId('kit-import-input').setInputFiles(file);
    const notice = this.studies.locator('.notice--dismissible');
    await notice.waitFor({ timeout: 30_000 });
    return { ok: (await notice.getAttribute('role')) === 'status', text: await notice.innerText() };
  }

  /** The open study as a participant sees it, where an imported kit lands. */
  get participantView(): Locator {
    return this.studies.locator('section.participant');
  }

  /** From the participant view to the editor of the same kit. */
  async editKit() {
    await this.participantView.getByRole('button', { name: 'Edit this kit' }).click();
    await this.editor.waitFor();
  }

  async deleteOpenStudy(title: string) {
    await this.editor.getByRole('button', { name: 'Delete study' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Delete “${title}”?` });
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await this.studies.getByRole('button', { name: title }).waitFor({ state: 'detached' });
  }
}
