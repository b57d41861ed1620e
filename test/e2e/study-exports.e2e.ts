import { readFile, writeFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../lib/reports/csv-parse';
import { FindingsBoardPage, importFiles } from './pages/findings-board';
import { ReviewPage } from './pages/review-page';
import { seriousA11yViolations } from './support/axe';
import { startDemo, type Demo } from './support/demo';
import { launchExtension, type ExtensionBrowser } from './support/extension';
import {
  recordParticipant,
  type ParticipantScript,
  type RecordedBundle,
} from './support/workspace-scenario';

const HOSTILE = '=HYPERLINK("https://evil.example","open")';
const SCRIPTS: ParticipantScript[] = [
  { alias: 'Ana', ease: [6, 5], severity: 3, note: HOSTILE, exportOutcome: 'done' },
  {
    alias: 'Ben',
    ease: [5, 2],
    severity: 2,
    note: 'Export, "really"? <b>no</b>',
    exportOutcome: 'gave-up',
  },
];

const BOM = '\uFEFF';

async function bytesOf(download: Download): Promise<Buffer> {
  return readFile(await download.path());
}

function csvRows(bytes: Buffer): string[][] {
  const text = bytes.toString('utf8');
  expect(text.startsWith(BOM)).toBe(true);
  return parseCsv(text.slice(BOM.length));
}

describe('a study exported to files: findings and annotations CSV, the report zip', () => {
  let demo: Demo;
  let ext: ExtensionBrowser;
  let review: ReviewPage;
  let board: FindingsBoardPage;
  const bundles: RecordedBundle[] = [];

  beforeAll(async () => {
    demo = await startDemo();
    for (const script of SCRIPTS) bundles.push(await recordParticipant(demo, script));
    ext = await launchExtension();
    review = await ReviewPage.open(ext);
    const result = await importFiles(
      review.page,
      bundles.map((b) => ({ name: b.name, mimeType: 'application/gzip', buffer: b.buffer })),
    );
    expect(result.ok, result.files.join('\n')).toBe(true);
    board = new FindingsBoardPage(review.page);
    await board.show('Get your payouts', 'Findings');
    await board.cards().nth(1).waitFor();
  }, 180_000);
  afterAll(async () => {
    await ext?.close();
    await demo?.close();
  });

  async function save(label: string): Promise<Download> {
    const group = board.region.getByRole('group', { name: 'Export' });
    const [download] = await Promise.all([
      review.page.waitForEvent('download'),
      group.getByRole('button', { name: label }).click(),
    ]);
    return download;
  }

  it('offers the exports as a labelled group, axe-clean', async () => {
    const group = board.region.getByRole('group', { name: 'Export' });
    expect(await group.getByRole('button').allInnerTexts()).toEqual([
      'Findings (CSV)',
      'Annotations (CSV)',
      'Report (Markdown .zip)',
      'Bundle of the whole study',
    ]);
    await review.page.screenshot({ path: 'test-results/study-exports-board.png' });
    expect(await seriousA11yViolations(review.page)).toEqual([]);
  });

  it('downloads the findings as CSV, one row per card', async () => {
    const download = await save('Findings (CSV)');
    const date = new Date().toISOString().slice(0, 10);
    expect(download.suggestedFilename()).toBe(`get-your-payouts-${date}-findings.csv`);
    const rows = csvRows(await bytesOf(download));
    expect(rows[0]!.slice(0, 6)).toEqual([
      'id',
      'title',
      'status',
      'priority',
      'reach',
      'participants',
    ]);
    expect(rows[0]).toHaveLength(13);
    const titles = await board.cards().locator('.finding__title').allInnerTexts();
    expect(rows.slice(1).map((r) => r[1])).toEqual(titles);
    const confused = rows.find((r) => r[9] === 'Confused')!;
    expect(confused.slice(4, 6)).toEqual(['2', '2']);
    expect(confused[8]).toBe('3');
    expect(confused[12]).toBe(`sg-finding-${confused[0]}`);
  });

  it('downloads the annotations as CSV with the hostile note disarmed', async () => {
    const download = await save('Annotations (CSV)');
    const rows = csvRows(await bytesOf(download));
    expect(rows[0]).toHaveLength(13);
    const body = rows.slice(1);
    expect(body.every((r) => r.length === 13)).toBe(true);
    const ana = body.find((r) => r[2] === 'Ana' && r[5] === 'manual')!;
    expect(ana[8]).toBe(`'${HOSTILE}`);
    const ben = body.find((r) => r[2] === 'Ben' && r[5] === 'manual')!;
    expect(ben[8]).toBe(SCRIPTS[1]!.note);
    // The two Confused tags are one finding, and its id is the findings CSV's.
    expect(ana[12]).not.toBe('');
    expect(ana[12]).toBe(ben[12]);
    expect(body.some((r) => r[5] === 'auto' && r[6] === 'Failed request')).toBe(true);
    // Nothing in any cell starts a formula.
    for (const cell of body.flat()) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });

  it('downloads the report as a zip holding report.md and the images it names', async () => {
    const download = await save('Report (Markdown .zip)');
    expect(download.suggestedFilename()).toMatch(/^get-your-payouts-\d{4}-\d\d-\d\d-report\.zip$/);
    const files = unzipSync(new Uint8Array(await bytesOf(download)));
    const md = strFromU8(files['report.md']!);
    await writeFile('test-results/study-exports-report.md', md);
    expect(md).toMatch(/^# Get your payouts\n/);
    expect(md).toContain('\\*\\*Crumb \\& Co\\.\\*\\*');
    expect(md).toContain('## Metrics');
    expect(md).toMatch(/\*\*Reach:\*\* 2 of 2 participants \(95% interval \d+%–\d+%\)/);
    // Backslash-escaped, `<` is a literal character in Markdown, never a tag.
    expect(md).not.toMatch(/(^|[^\\])<b>/);
    expect(md).toContain('\\<b\\>no\\<\\/b\\>');
    const named = [...md.matchAll(/\]\((images\/[^)]+)\)/g)].map((m) => m[1]!);
    // Both tags were made with the hotkey: each has a screenshot of the tab.
    expect(named.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(files).sort()).toEqual(['report.md', ...named].sort());
    for (const name of named) expect([...files[name]!.slice(0, 2)]).toEqual([0xff, 0xd8]);
  });

  it('exports only the ticked findings, and their annotations, when some are ticked', async () => {
    const first = board.cards().nth(0);
    const title = await first.getByRole('heading').innerText();
    await first.getByRole('checkbox', { name: /Select/ }).check();
    const group = board.region.getByRole('group', { name: 'Export 1 selected finding' });
    await group.waitFor();
    const findings = csvRows(await bytesOf(await save('Findings (CSV)')));
    expect(findings.slice(1).map((r) => r[1])).toEqual([title]);
    const annotations = csvRows(await bytesOf(await save('Annotations (CSV)')));
    const onCard = Number(/(\d+) annotations?\b/.exec(await first.innerText())![1]);
    expect(annotations.length - 1).toBe(onCard);
    await first.getByRole('checkbox', { name: /Select/ }).uncheck();
    await board.region.getByRole('group', { name: 'Export', exact: true }).waitFor();
  });
});
