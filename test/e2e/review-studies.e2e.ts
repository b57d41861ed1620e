import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKit } from '../../lib/studies/defaults';
import { ReviewPage } from './pages/review-page';
import { seriousA11yViolations } from './support/axe';
import { launchExtension, type ExtensionBrowser } from './support/extension';

const ORIGIN = 'http://127.0.0.1:1';
const now = Date.now() - 3_600_000;

function kit(title: string, id: string, round?: number) {
  let n = 0;
  const base = createKit(now, () => (n++ === 0 ? id : `${id}-tag-${n}`));
  return {
    ...base,
    title,
    origins: [ORIGIN],
    tasks: [
      { id: 't1', title: 'Sign up', doneWhen: 'Dashboard' },
      { id: 't2', title: 'Add a product', doneWhen: 'Listed' },
      { id: 't3', title: 'Get paid', doneWhen: 'Payout date' },
    ],
    ...(round ? { round } : {}),
  };
}
const CHECKOUT_1 = kit('Checkout', 'kit-checkout');
const CHECKOUT_2 = kit('Checkout', 'kit-checkout', 2);
const ONBOARDING = kit('Onboarding', 'kit-onboarding');

const task = (taskId: string, outcome: 'done' | 'gave-up' | null) => ({
  taskId,
  startedAt: now,
  endedAt: outcome ? now + 1_000 : null,
  outcome,
});

/** A stored session row as the background writes it. */
const stored = (id: string, title: string, participant: string, patch: object = {}) => ({
  id,
  title,
  participant,
  origins: [ORIGIN],
  tabIds: [],
  status: 'ended',
  startedAt: now,
  endedAt: now + 90_000,
  activeMs: 90_000,
  runStartedAt: null,
  endReason: { type: 'user' },
  stats: { bytes: 2_048, events: 2, pages: 3 },
  study: null,
  tasks: [],
  goalReached: null,
  ...patch,
});

const annotation = (id: string, sessionId: string, patch: object = {}) => ({
  id,
  sessionId,
  kind: 'manual',
  ts: now + 10_000,
  url: `${ORIGIN}/`,
  tabId: 1,
  segmentId: null,
  tagId: 'stuck',
  detector: null,
  severity: 2,
  note: '',
  target: null,
  evidence: null,
  dedupeKey: null,
  ...patch,
});

/** A bundle with one session of `study` (null: a quick session). */
function bundleFile(id: string, title: string, study: object | null) {
  const session = {
    id,
    title,
    participant: `P-${id}`,
    origins: [ORIGIN],
    status: 'ended',
    startedAt: now + 600_000,
    endedAt: now + 660_000,
    activeMs: 60_000,
    endReason: { type: 'user' },
    segments: [
      {
        id: `${id}-seg`,
        tabId: 1,
        url: `${ORIGIN}/`,
        startedAt: now + 600_000,
        events: [
          {
            type: 4,
            data: { href: `${ORIGIN}/`, width: 800, height: 600 },
            timestamp: now + 600_000,
          },
          {
            type: 2,
            data: { node: { type: 0, childNodes: [], id: 1 }, initialOffset: { left: 0, top: 0 } },
            timestamp: now + 600_001,
          },
        ],
      },
    ],
    timeline: [],
    study,
    tasks: study ? [task('t1', 'done'), task('t2', null), task('t3', null)] : [],
    goalReached: null,
    annotations: [],
  };
  const json = {
    format: 'study-group-bundle',
    version: 1,
    exportedAt: 'now',
    generator: 'test',
    sessions: [session],
  };
  return {
    name: `${id}.studygroup.json.gz`,
    mimeType: 'application/gzip',
    buffer: gzipSync(JSON.stringify(json)),
  };
}
const brokenFile = (name: string) => ({
  name,
  mimeType: 'application/gzip',
  buffer: gzipSync(JSON.stringify({ format: 'study-group-bundle', version: 1 })),
});

describe('the review page by study', () => {
  let ext: ExtensionBrowser;
  let review: ReviewPage;
  beforeAll(async () => {
    ext = await launchExtension();
    await ext.writeStore('sessions', [
      stored('c1', 'Ana on checkout', 'Ana', {
        study: CHECKOUT_1,
        tasks: [task('t1', 'done'), task('t2', 'done'), task('t3', 'gave-up')],
        goalReached: false,
      }),
      stored('c2', 'Ben on checkout', 'Ben', {
        study: CHECKOUT_1,
        tasks: [task('t1', 'done'), task('t2', 'done'), task('t3', 'done')],
        goalReached: true,
        startedAt: now + 1_000,
      }),
      stored('c3', 'Cleo on checkout again', 'Cleo', {
        study: CHECKOUT_2,
        tasks: [task('t1', 'done'), task('t2', null), task('t3', null)],
      }),
      stored('o1', 'Dan onboarding', 'Dan', { study: ONBOARDING, tasks: [task('t1', 'done')] }),
      stored('q1', 'A quick look', 'Eve', { startedAt: now + 2_000 }),
    ]);
    await ext.writeStore('annotations', [
      annotation('a1', 'c1'),
      annotation('a2', 'c1', { kind: 'auto', tagId: null, detector: 'js-error' }),
      annotation('a3', 'c1', {
        kind: 'auto',
        tagId: null,
        detector: 'dead-click',
        dismissed: true,
      }),
      annotation('a4', 'c2'),
    ]);
    review = await ReviewPage.open(ext);
  });
  afterAll(async () => {
    await ext?.close();
  });

  const studies = () => review.page.getByRole('navigation', { name: 'Studies' });
  const row = (title: string) => review.rows().filter({ hasText: title });
  const cells = async (title: string) =>
    (await row(title).locator('td').allInnerTexts()).map((t) => t.trim());

  it('lists the studies by kit, rounds together, quick sessions apart, and shows each one’s sessions', async () => {
    // The newest session is the quick one: its study is shown first.
    await expect
      .poll(() => review.rows().allInnerTexts())
      .toEqual([expect.stringContaining('A quick look')]);
    const nav = studies();
    expect(await nav.getByRole('heading').allTextContents()).toEqual([
      'Studies',
      'Checkout',
      'Onboarding',
      'Without a kit',
    ]);
    const checkout = nav.getByRole('region', { name: 'Checkout' });
    expect(await checkout.getByRole('button').allInnerTexts()).toEqual([
      expect.stringMatching(/^Round 1\s+2 sessions/),
      expect.stringMatching(/^Round 2\s+1 session/),
    ]);

    await checkout.getByRole('button', { name: /Round 1/ }).click();
    await review.page.getByRole('heading', { name: 'Checkout · Round 1' }).waitFor();
    await expect.poll(() => review.rows().count()).toBe(2);
    // Participant, date, duration, pages, tasks, friction (the dismissed one left out).
    await expect
      .poll(() => cells('Ana on checkout'))
      .toEqual([
        '',
        'Ana on checkout',
        'Ana',
        expect.any(String),
        '01:30',
        '3',
        '2/3 done, 1 gave up',
        '2',
        '2.0 KB',
        'Ended',
      ]);
    await expect.poll(async () => (await cells('Ben on checkout'))[6]).toBe('3/3 done');
    expect((await cells('Ben on checkout'))[7]).toBe('1');
    expect(
      await checkout.getByRole('button', { name: /Round 1/ }).getAttribute('aria-current'),
    ).toBe('true');

    await checkout.getByRole('button', { name: /Round 2/ }).click();
    await review.page.getByRole('heading', { name: 'Checkout · Round 2' }).waitFor();
    await expect
      .poll(() => review.rows().allInnerTexts())
      .toEqual([expect.stringContaining('Cleo on checkout again')]);
    expect((await cells('Cleo on checkout again'))[6]).toBe('1/3 done');

    await nav
      .getByRole('button', { name: /Round 1/ })
      .nth(1)
      .click();
    await review.page.getByRole('heading', { name: 'Onboarding · Round 1' }).waitFor();
    await expect
      .poll(() => review.rows().allInnerTexts())
      .toEqual([expect.stringContaining('Dan onboarding')]);
  });

  it('has Sessions, Findings and Metrics tabs, by mouse and by keyboard', async () => {
    const tabs = review.page.getByRole('tablist', { name: 'Study views' });
    expect(await tabs.getByRole('tab').allInnerTexts()).toEqual([
      'Sessions',
      'Findings',
      'Metrics',
    ]);
    await tabs.getByRole('tab', { name: 'Findings' }).click();
    const panel = review.page.getByRole('tabpanel');
    expect(await panel.getAttribute('aria-labelledby')).toBe('study-tab-findings');
    await review.page.keyboard.press('ArrowRight');
    await expect
      .poll(() => tabs.getByRole('tab', { name: 'Metrics' }).getAttribute('aria-selected'))
      .toBe('true');
    expect(await review.page.evaluate(() => document.activeElement?.textContent)).toBe('Metrics');
    await review.page.keyboard.press('Home');
    await expect.poll(() => review.rows().count()).toBe(1);
  });

  it('imports three picked files: the good ones land in their studies, the broken one is rejected and writes nothing', async () => {
    const before = await ext.dbDump();
    await review.page
      .getByTestId('import-input')
      .setInputFiles([
        bundleFile('imp-a', 'Imported Fay', CHECKOUT_1),
        brokenFile('broken.studygroup.json.gz'),
        bundleFile('imp-b', 'Imported Gus', null),
      ]);
    const results = review.page.locator('.import-results');
    await results.waitFor({ timeout: 60_000 });
    expect(await results.getAttribute('role')).toBe('status');
    const lines = await results.getByRole('listitem').allInnerTexts();
    expect(lines).toEqual([
      'imp-a.studygroup.json.gz — Imported 1 session: Imported Fay.',
      expect.stringMatching(/^broken\.studygroup\.json\.gz — Rejected: The bundle is malformed: /),
      'imp-b.studygroup.json.gz — Imported 1 session: Imported Gus.',
    ]);
    expect(await results.innerText()).toContain('3 files: 2 imported, 1 rejected.');
    await review.page.screenshot({ path: 'test-results/review-studies-import.png' });

    const after = await ext.dbDump();
    expect(after.sessions.map((s) => s.id).sort()).toEqual(
      [...before.sessions.map((s) => s.id), 'imp-a', 'imp-b'].sort(),
    );
    expect(after.segments.map((s) => s.id).sort()).toEqual(['imp-a-seg', 'imp-b-seg']);
    expect(after.chunkKeys).toHaveLength(2);

    // The page lands on the study of the first imported session.
    await review.page.getByRole('heading', { name: 'Checkout · Round 1' }).waitFor();
    await expect.poll(() => review.rows().count()).toBe(3);
    expect((await cells('Imported Fay'))[6]).toBe('1/3 done');
  });

  it('imports three files dropped on the page the same way', async () => {
    await review.page.getByRole('button', { name: 'Dismiss' }).click();
    const before = await ext.dbDump();
    const files = [
      bundleFile('drop-a', 'Dropped Hal', ONBOARDING),
      bundleFile('drop-b', 'Dropped Ivy', ONBOARDING),
      brokenFile('not-a-bundle.json.gz'),
    ].map((f) => ({ name: f.name, bytes: [...f.buffer] }));
    const drag = (types: string[]) =>
      review.page.evaluate(
        ({ files, types }) => {
          const data = new DataTransfer();
          for (const f of files) data.items.add(new File([new Uint8Array(f.bytes)], f.name));
          const target = document.querySelector('h1')!;
          for (const type of types) {
            target.dispatchEvent(
              new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
            );
          }
        },
        { files, types },
      );
    await drag(['dragenter', 'dragover']);
    await review.page.getByText('Drop bundle files to import them').waitFor();
    await drag(['drop']);
    const results = review.page.locator('.import-results');
    await expect
      .poll(() => results.getByRole('listitem').allInnerTexts(), { timeout: 60_000 })
      .toEqual([
        'drop-a.studygroup.json.gz — Imported 1 session: Dropped Hal.',
        'drop-b.studygroup.json.gz — Imported 1 session: Dropped Ivy.',
        expect.stringMatching(/^not-a-bundle\.json\.gz — Rejected: The bundle is malformed/),
      ]);
    expect(await review.page.getByText('Drop bundle files to import them').count()).toBe(0);
    const after = await ext.dbDump();
    expect(after.sessions.length).toBe(before.sessions.length + 2);
    expect(after.segments.map((s) => s.id).sort()).toEqual(
      [...before.segments.map((s) => s.id), 'drop-a-seg', 'drop-b-seg'].sort(),
    );
    await review.page.getByRole('heading', { name: 'Onboarding · Round 1' }).waitFor();
    await expect.poll(() => review.rows().count()).toBe(3);
  });

  it('keeps export and delete per study, and the study view is accessible at two sizes', async () => {
    await review.page.getByRole('button', { name: 'Dismiss' }).click();
    const checkout = studies().getByRole('region', { name: 'Checkout' });
    await checkout.getByRole('button', { name: /Round 1/ }).click();
    await expect.poll(() => review.rows().count()).toBe(3);
    const download = await review.exportAll();
    expect(download.suggestedFilename()).toMatch(/^3-sessions-/);

    await review.openSession('Imported Fay');
    for (const [width, height] of [
      [1280, 800],
      [1440, 900],
    ] as const) {
      await review.page.setViewportSize({ width, height });
      await review.page.screenshot({ path: `test-results/review-studies-${width}x${height}.png` });
    }
    expect(await seriousA11yViolations(review.page)).toEqual([]);

    await review.deleteSession('Imported Fay');
    await expect.poll(() => review.rows().count()).toBe(2);
    expect((await ext.dbDump()).sessions.map((s) => s.id)).not.toContain('imp-a');
  });
});
