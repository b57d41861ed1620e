import { gunzipSync, gzipSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { OptionsPage } from '../pages/options-page';
import { Overlay } from '../pages/overlay';
import { PopupPage } from '../pages/popup-page';
import { ReviewPage } from '../pages/review-page';
import { readDownload } from './bundle';
import type { Demo } from './demo';
import { launchExtension } from './extension';
import { waitForRecording } from './recording';

/** The study every participant of the review-workspace scenario plays. */
export function scenarioKit(demo: Demo, round = 1) {
  return {
    id: 'kit-payouts',
    title: 'Get your payouts',
    scenario: 'You run **Crumb & Co.**, a small bakery that takes card payments with Tillwise.',
    persona: 'Owner of a small bakery, not technical',
    goal: 'Know when your money arrives and keep a copy for your accountant',
    tasks: [
      { id: 't-find', title: 'Find your next payout', doneWhen: 'You can say when it arrives' },
      { id: 't-export', title: 'Export your payouts', doneWhen: 'You have a CSV file' },
    ],
    rules: [
      'You do not work here: use only what a customer would see.',
      "We are not here to solve problems: notice and note, don't fix.",
    ],
    origins: [demo.url],
    timeBoxMinutes: 20,
    round,
    tags: [
      { id: 'confused', label: 'Confused', color: '#6941c6', key: '1' },
      { id: 'stuck', label: 'Stuck', color: '#b42318', key: '2' },
    ],
    privacy: { blockSelectors: [], maskSelectors: [] },
    createdAt: 1,
    updatedAt: 1,
  };
}

/** What one participant does and says; everyone tags the Export CSV button and hits its 500. */
export interface ParticipantScript {
  alias: string;
  /** Severity of the shared "Confused" tag on the Export CSV button. */
  severity: 1 | 2 | 3;
  note: string;
  /** Outcome of the second task (the first one every participant finishes). */
  exportOutcome: 'done' | 'gave-up';
  /** Single Ease Question answers for the two tasks, when the popup asks. */
  ease: [number, number];
  /** A "Stuck" tag on the setup checklist that only this participant makes. */
  alsoStuck?: string;
}

export const PARTICIPANTS: ParticipantScript[] = [
  {
    alias: 'Baker 1',
    ease: [6, 5],
    severity: 2,
    note: 'Does Export CSV give me every payout?',
    exportOutcome: 'done',
  },
  {
    alias: 'Baker 2',
    ease: [5, 2],
    severity: 3,
    note: 'The export button does nothing useful',
    exportOutcome: 'gave-up',
  },
  {
    alias: 'Baker 3',
    ease: [7, 4],
    severity: 1,
    note: 'Not sure this is the right export',
    exportOutcome: 'done',
    alsoStuck: 'Which payout is the first one?',
  },
];

export interface RecordedBundle {
  alias: string;
  name: string;
  buffer: Buffer;
}

/**
 * One participant on a profile of their own, as in a real study: import the
 * kit, consent, play the two tasks while tagging, stop, and export the session.
 */
export async function recordParticipant(
  demo: Demo,
  script: ParticipantScript,
  kit = scenarioKit(demo),
): Promise<RecordedBundle> {
  const ext = await launchExtension();
  try {
    const options = await OptionsPage.open(ext);
    const imported = await options.importKit({
      name: 'payouts.studykit.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          format: 'study-group-kit',
          version: 1,
          exportedAt: new Date().toISOString(),
          kit,
        }),
      ),
    });
    if (!imported.ok) throw new Error(`kit import failed: ${imported.text}`);
    await options.page.close();

    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${demo.url}/dashboard`);
    const popup = await PopupPage.open(ext);
    const p = popup.page;
    await p.getByLabel('Study').selectOption(kit.id);
    await p.getByRole('button', { name: 'Continue' }).click();
    await p.getByLabel('Your alias').fill(script.alias);
    await p.getByRole('button', { name: 'Start session' }).click();
    await p.getByRole('heading', { name: kit.tasks[0]!.title }).waitFor();

    await page.bringToFront();
    await waitForRecording(page);
    const overlay = await Overlay.attach(ext.context, page);
    if (script.alsoStuck) {
      await page.waitForTimeout(400);
      await overlay.tag({
        key: '2',
        severity: 2,
        note: script.alsoStuck,
        pinAt: await centre(page.getByText('Receive your first payout')),
      });
    }
    const nav = page.getByRole('navigation', { name: 'Main' });
    await Promise.all([
      page.waitForURL(/\/payouts$/),
      nav.getByRole('link', { name: 'Payouts' }).click(),
    ]);
    await waitForRecording(page);
    await page.waitForTimeout(600);
    await endTask(popup, 'done', script.ease[0]);
    // Reading the payouts page: more than the replay's lead-in before the tag, so Play opens here.
    await page.bringToFront();
    await page.waitForTimeout(3_500);

    await page.bringToFront();
    const exportButton = page.getByRole('button', { name: 'Export CSV' });
    await overlay.tag({
      key: '1',
      severity: script.severity,
      note: script.note,
      pinAt: await centre(exportButton),
    });
    await exportButton.click();
    await page.locator('#export-status').filter({ hasText: /./ }).waitFor();
    // The failed request reaches the detectors with the next batch (at most 1 s later).
    await page.waitForTimeout(1_500);
    await endTask(popup, script.exportOutcome, script.ease[1]);
    await p.getByText(/^All tasks (done|ended)/).waitFor();
    await popup.stop();

    const review = await ReviewPage.open(ext);
    const download = await review.exportAll();
    const { bytes } = await readDownload(download);
    return { alias: script.alias, name: `${script.alias}.studygroup.json.gz`, buffer: bytes };
  } finally {
    await ext.close();
  }
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error('element not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Done or Give up in the popup, answering the ease question when it asks one. */
async function endTask(popup: PopupPage, outcome: 'done' | 'gave-up', ease: number) {
  const p: Page = popup.page;
  await p.bringToFront();
  await p.getByRole('button', { name: outcome === 'done' ? 'Done' : 'Give up' }).click();
  const question = p.locator('fieldset.ease');
  const asked = await question.waitFor({ timeout: 2_000 }).then(
    () => true,
    () => false,
  );
  if (!asked) return;
  await question.getByRole('button', { name: new RegExp(`^${ease}(:|$)`) }).click();
  await question.waitFor({ state: 'detached' });
}

interface BundleSessionJson {
  id: string;
  participant: string;
  study: { round?: number } | null;
  tasks: { taskId: string; outcome: string | null }[];
  goalReached: boolean | null;
  segments: { id: string }[];
  timeline: { segmentId: string | null }[];
  annotations: { id: string; tagId: string | null; segmentId: string | null }[];
}

/**
 * The same recording as another round of the kit, with new ids: round 2
 * re-runs the study after a fix, and `edit` says what went differently.
 */
export function asRound(
  bundle: RecordedBundle,
  round: number,
  edit: (session: BundleSessionJson) => void,
): RecordedBundle {
  const json = JSON.parse(gunzipSync(bundle.buffer).toString('utf8')) as {
    sessions: BundleSessionJson[];
  };
  const renamed = (id: string | null) => (id === null ? null : `${id}-r${round}`);
  for (const session of json.sessions) {
    session.id = `${session.id}-r${round}`;
    if (session.study) session.study.round = round;
    for (const segment of session.segments) segment.id = `${segment.id}-r${round}`;
    for (const entry of session.timeline) entry.segmentId = renamed(entry.segmentId);
    for (const a of session.annotations) {
      a.id = `${a.id}-r${round}`;
      a.segmentId = renamed(a.segmentId);
    }
    edit(session);
  }
  return {
    alias: bundle.alias,
    name: `${bundle.alias} round ${round}.studygroup.json.gz`,
    buffer: gzipSync(JSON.stringify(json)),
  };
}
