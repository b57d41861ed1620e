import { readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { FindingsBoardPage } from './pages/findings-board';
import { ReviewPage } from './pages/review-page';
import { seriousA11yViolations } from './support/axe';
import { test } from './support/fixtures';

const SHOTS = 'test-results/review-layout';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
];
const FIXTURES = ['rage-click', 'dead-click', 'u-turn'];
const TITLE = 'Get your payouts and change the payout schedule to weekly, round one';
const TASKS = [
  { id: 't1', title: 'Find the date of your next payout on the dashboard', doneWhen: 'You see it' },
  { id: 't2', title: 'Export your payouts as a spreadsheet for the accountant', doneWhen: 'Saved' },
];

interface FixtureSession {
  id: string;
  startedAt: number;
  endedAt: number;
  origins: string[];
  segments: { id: string; tabId: number; url: string; startedAt: number }[];
  [key: string]: unknown;
}

/** Three recorded sessions of the demo, as one study with tasks and long notes. */
async function studyBundle(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const sessions = [];
  for (const [i, name] of FIXTURES.entries()) {
    const file = await readFile(`test/fixtures/friction/${name}.studygroup.json.gz`);
    const session = (
      JSON.parse(gunzipSync(file).toString('utf8')) as { sessions: FixtureSession[] }
    ).sessions[0]!;
    const segment = session.segments[0]!;
    // Participant 2 had a tall window: their replay must narrow to keep the controls in view.
    if (i === 1) {
      for (const event of (
        segment as unknown as { events: { type: number; data: { height?: number } }[] }
      ).events)
        if (event.type === 4) event.data.height = 1_500;
    }
    const kit = {
      id: 'kit-layout',
      title: TITLE,
      scenario: 'You run a bakery.',
      persona: 'Owner of a small bakery',
      goal: 'Get paid weekly',
      tasks: TASKS,
      rules: [],
      origins: session.origins,
      timeBoxMinutes: 10,
      tags: [{ id: 'stuck', label: 'Stuck', color: '#b42318', key: '2' }],
      privacy: { blockSelectors: [], maskSelectors: [] },
      createdAt: 1,
      updatedAt: 1,
    };
    sessions.push({
      ...session,
      title: `${TITLE} · participant ${i + 1}`,
      participant: `Baker with a rather long alias number ${i + 1}`,
      study: kit,
      tasks: [
        {
          taskId: 't1',
          startedAt: session.startedAt,
          endedAt: session.startedAt + 1_000,
          outcome: 'done',
          ease: 5,
        },
        {
          taskId: 't2',
          startedAt: session.startedAt + 1_000,
          endedAt: session.endedAt,
          outcome: i === 2 ? 'gave-up' : 'done',
        },
      ],
      goalReached: i !== 2,
      annotations: [
        {
          id: `note-${i}`,
          kind: 'manual',
          ts: session.startedAt + 1_500,
          url: `${segment.url}?q=${'x'.repeat(200)}`,
          tabId: segment.tabId,
          segmentId: segment.id,
          tagId: 'stuck',
          detector: null,
          severity: 2,
          note: `I could not find where the payout date is shown; ${'the dashboard has many numbers and none says when. '.repeat(3)}`,
          target: null,
          evidence: null,
          dedupeKey: null,
          screenshot: null,
        },
      ],
    });
  }
  const bundle = {
    format: 'study-group-bundle',
    version: 1,
    exportedAt: new Date().toISOString(),
    generator: 'test',
    sessions,
  };
  return {
    name: 'layout.studygroup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bundle)),
  };
}

async function width(page: Page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}

describe('the review page at laptop sizes', () => {
  test('fits 1280x800 and 1440x900 on every tab, with the player’s controls in view', async ({
    ext,
  }) => {
    await mkdir(SHOTS, { recursive: true });
    const review = await ReviewPage.open(ext);
    const imported = await review.importFile(await studyBundle());
    expect(imported.ok, imported.text).toBe(true);
    expect(imported.text).toContain('Imported 3 sessions');
    const board = new FindingsBoardPage(review.page);
    for (const size of SIZES) {
      const at = `${size.width}x${size.height}`;
      await review.page.setViewportSize(size);
      for (const tab of ['Sessions', 'Findings', 'Metrics'] as const) {
        await board.show(TITLE, tab);
        await review.page.evaluate(() => window.scrollTo(0, 0));
        const fit = await width(review.page);
        expect(fit.scrollWidth, `${tab} at ${at}`).toBeLessThanOrEqual(fit.innerWidth);
        await review.page.screenshot({
          path: `${SHOTS}/${tab.toLowerCase()}-${at}.png`,
          fullPage: true,
        });
        expect(await seriousA11yViolations(review.page), `${tab} at ${at}`).toEqual([]);
        if (tab === 'Findings') {
          expect(await board.region.innerText()).toContain('1 annotation');
          expect(await board.region.innerText()).not.toMatch(/\(s\)/);
        }
      }

      // A session opened from the table comes into view with its replay controls.
      await board.show(TITLE, 'Sessions');
      await review.page.evaluate(() => window.scrollTo(0, 0));
      await review.openSession(`${TITLE} · participant ${size.width === 1280 ? 2 : 3}`);
      const controls = review.page.getByRole('group', { name: 'Replay controls' });
      await expect
        .poll(async () => {
          const box = await controls.boundingBox();
          return box !== null && box.y >= 0 && box.y + box.height <= size.height;
        })
        .toBe(true);
      expect(
        await review.page.getByRole('heading', { level: 2, name: /participant/ }).boundingBox(),
      ).toMatchObject({ y: expect.toSatisfy((y: number) => y >= 0 && y < 100) });
      if (size.width === 1280) {
        // The tall page is replayed narrower than the column, whole, above its controls.
        const player = await review.page.locator('.player').boundingBox();
        const column = await review.page.locator('.detail__player').boundingBox();
        expect(player!.width).toBeLessThan(column!.width - 100);
      }
      const fit = await width(review.page);
      expect(fit.scrollWidth, `detail at ${at}`).toBeLessThanOrEqual(fit.innerWidth);
      await review.page.screenshot({ path: `${SHOTS}/detail-${at}.png` });
      expect(await seriousA11yViolations(review.page), `detail at ${at}`).toEqual([]);
    }
  });

  test('counts in words: “Imported 1 session”, “1 participant”, sentence-case statuses', async ({
    ext,
  }) => {
    const review = await ReviewPage.open(ext);
    const file = await readFile('test/fixtures/friction/clean.studygroup.json.gz');
    const one = await review.importFile({
      name: 'clean.studygroup.json.gz',
      mimeType: 'application/gzip',
      buffer: file,
    });
    expect(one.ok, one.text).toBe(true);
    expect(one.text).toMatch(/Imported 1 session: /);
    // Import lands on the study imported: the quick sessions.
    await review.page.getByRole('heading', { level: 2, name: 'Quick sessions' }).waitFor();
    await review.page.getByRole('tab', { name: 'Sessions' }).click();
    expect(await review.page.locator('.study__head').innerText()).toContain(
      '1 session · 1 participant',
    );
    const statuses = await review.rows().locator('td:last-child').allInnerTexts();
    expect(statuses).toEqual(['Ended']);
  });
});
