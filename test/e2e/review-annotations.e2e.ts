import { mkdir } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import { AnnotationList } from './pages/annotation-list';
import { Overlay } from './pages/overlay';
import { ReviewPage } from './pages/review-page';
import { seriousA11yViolations } from './support/axe';
import { readDownload } from './support/bundle';
import { test } from './support/fixtures';
import { recordOn, waitForRecording } from './support/recording';

interface StoredAnnotation {
  id: string;
  kind: 'manual' | 'auto';
  ts: number;
  url: string;
  tabId: number;
  segmentId: string | null;
  tagId: string | null;
  detector: string | null;
  severity: number;
  note: string;
  author?: string;
  dismissed?: boolean;
  editedAt?: number;
}

const SHOTS = 'test-results';

describe('the reviewer works on the annotation list', () => {
  test('edits a tag, dismisses a detector’s finding, adds an observation with N; all persisted and exported', async ({
    demo,
    ext,
  }) => {
    await mkdir(SHOTS, { recursive: true });
    // A participant tags "Stuck" on the dashboard, then opens Insights, whose script throws.
    const { page, popup } = await recordOn(ext, `${demo.url}/dashboard`, 'Review notes');
    const overlay = await Overlay.attach(ext.context, page);
    await expect.poll(() => overlay.present()).toBe(true);
    // Well into the page, so the replay's 3 s lead-in stays on it.
    await page.waitForTimeout(4_500);
    await overlay.tag({ key: '2', note: 'Where is the payout date?' });
    await Promise.all([
      page.waitForURL(/\/insights$/),
      page.getByRole('link', { name: 'Insights' }).click(),
    ]);
    await waitForRecording(page);
    const stored = () => ext.readStore<StoredAnnotation>('annotations', 'ts');
    await expect
      .poll(async () => (await stored()).map((a) => a.detector ?? a.tagId), { timeout: 15_000 })
      .toEqual(['stuck', 'js-error']);
    await page.waitForTimeout(1_000);
    await popup.page.bringToFront();
    await popup.stop();
    const [tagged, noticed] = await stored();

    const review = await ReviewPage.open(ext);
    await review.openSession('Review notes');
    const list = new AnnotationList(review.page);
    await expect.poll(() => list.items().count()).toBe(2);

    // Edit the participant's tag: severity and note, with the keyboard.
    const stuck = list.item('Where is the payout date?');
    await stuck.getByRole('button', { name: 'Edit' }).click();
    const edit = list.form(/^Edit Stuck at /);
    expect(await review.page.evaluate(() => document.activeElement?.closest('form') !== null)).toBe(
      true,
    );
    await edit.getByRole('radio', { name: 'blocker' }).check();
    await edit.getByLabel('Note').fill('Could not find the payout date anywhere');
    await review.page.screenshot({ path: `${SHOTS}/review-annotation-edit.png`, fullPage: true });
    expect(await seriousA11yViolations(review.page)).toEqual([]);
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => list.item('anywhere').count()).toBe(1);
    const edited = (await stored()).find((a) => a.id === tagged!.id)!;
    expect(edited).toMatchObject({
      severity: 3,
      note: 'Could not find the payout date anywhere',
      tagId: 'stuck',
    });
    expect(edited.editedAt).toBeGreaterThan(tagged!.ts);
    // Focus is back on the Edit button the form was opened from.
    expect(await review.page.evaluate(() => document.activeElement?.textContent)).toBe('Edit');

    // A participant's tag cannot be dismissed; the detector's finding can, and comes back.
    expect(
      await list.item('anywhere').getByRole('button', { name: 'False positive' }).count(),
    ).toBe(0);
    const jsError = list.item(/JS error/);
    await jsError.getByRole('button', { name: 'False positive' }).click();
    await jsError.getByRole('button', { name: 'Restore' }).waitFor();
    expect(await jsError.innerText()).toContain('Dismissed');
    expect((await stored()).find((a) => a.id === noticed!.id)?.dismissed).toBe(true);

    // Filters: kind, severity, dismissed.
    const filters = list.region.getByRole('group', { name: 'Filter the friction' });
    await filters.getByLabel('Kind').selectOption('auto');
    await expect.poll(() => list.items().count()).toBe(1);
    await filters.getByLabel('Show dismissed').uncheck();
    await expect.poll(() => list.items().count()).toBe(0);
    expect(await list.shownCount()).toBe('Showing 0 of 2');
    await filters.getByLabel('Kind').selectOption('all');
    await filters.getByLabel('Show dismissed').check();
    await filters.getByRole('checkbox', { name: 'blocker' }).uncheck();
    await expect.poll(() => list.items().count()).toBe(1);
    await filters.getByRole('checkbox', { name: 'blocker' }).check();
    await expect.poll(() => list.items().count()).toBe(2);

    // Choosing the tag replays from 3 s before it; N then observes at the moment shown.
    const chosenAt = Date.now();
    await list.item('anywhere').getByRole('button', { name: /Stuck/ }).click();
    // A moment for the player to get there and report it.
    await review.page.waitForTimeout(500);
    await review.page.keyboard.press('n');
    const observe = list.form(/^New observation at /);
    await observe.waitFor();
    const pressedAt = Date.now();
    // Keyboard only: the tag select has focus; Tab to the severity radios, then to the note.
    await review.page.keyboard.press('Tab');
    expect(
      await review.page.evaluate(() => (document.activeElement as HTMLInputElement).type),
    ).toBe('radio');
    await review.page.keyboard.press('ArrowRight');
    await review.page.keyboard.press('Tab');
    // Typing an "n" in a field must not open another form.
    await review.page.keyboard.type('Nobody would guess that the menu is named Insights');
    await observe.getByLabel('Tag').selectOption({ label: 'Wording' });
    expect(await seriousA11yViolations(review.page)).toEqual([]);
    await observe.getByLabel('Note').focus();
    await review.page.keyboard.press('Control+Enter');
    await expect.poll(() => list.items().count()).toBe(3);
    expect(await list.region.getByRole('form').count()).toBe(0);

    const observation = (await stored()).find((a) => a.author === 'facilitator')!;
    expect(observation).toMatchObject({
      kind: 'manual',
      tagId: 'wording',
      severity: 2,
      note: 'Nobody would guess that the menu is named Insights',
      segmentId: tagged!.segmentId,
      tabId: tagged!.tabId,
      url: `${demo.url}/dashboard`,
    });
    // The player was sent to 3 s before the tag; playing on from there until N was pressed.
    expect(observation.ts).toBeGreaterThanOrEqual(tagged!.ts - 3_000);
    expect(observation.ts).toBeLessThanOrEqual(tagged!.ts - 3_000 + (pressedAt - chosenAt) + 500);
    expect(await list.item(/Nobody would guess/).innerText()).toMatch(
      /observed by the facilitator · major · \/dashboard/,
    );

    await list.region.screenshot({ path: `${SHOTS}/review-annotation-list.png` });

    // Escape closes a form without saving.
    await list
      .item(/Nobody would guess/)
      .getByRole('button', { name: 'Edit' })
      .click();
    await list
      .form(/^Edit Wording/)
      .getByLabel('Note')
      .fill('never saved');
    await review.page.keyboard.press('Escape');
    expect(await list.region.getByRole('form').count()).toBe(0);

    // All of it is in the database: a reload shows it as it was.
    await review.page.reload();
    await review.openSession('Review notes');
    await expect.poll(() => list.items().count()).toBe(3);
    expect(await list.item(/JS error/).innerText()).toContain('Dismissed');
    expect(await list.item('anywhere').innerText()).toMatch(/blocker/);
    expect(await list.region.innerText()).not.toContain('never saved');

    // And in the bundle.
    const { json } = await readDownload(await review.exportAll());
    const exported = (json.sessions[0] as unknown as { annotations: StoredAnnotation[] })
      .annotations;
    expect(exported.find((a) => a.id === tagged!.id)).toMatchObject({
      severity: 3,
      note: 'Could not find the payout date anywhere',
      editedAt: edited.editedAt,
    });
    expect(exported.find((a) => a.id === noticed!.id)).toMatchObject({ dismissed: true });
    expect(exported.find((a) => a.id === observation.id)).toMatchObject({
      author: 'facilitator',
      tagId: 'wording',
    });
    await review.page.close();
  });
});
