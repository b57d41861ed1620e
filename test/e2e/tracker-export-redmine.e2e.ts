import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionWorker } from '../../scripts/extension-db.mjs';
import { ExportPanel } from './pages/export-panel';
import { FindingsBoardPage, importFiles } from './pages/findings-board';
import { PopupPage } from './pages/popup-page';
import { ReviewPage } from './pages/review-page';
import { TrackersSection } from './pages/trackers-section';
import { seriousA11yViolations } from './support/axe';
import { readDownload } from './support/bundle';
import { startDemo, type Demo } from './support/demo';
import { launchExtension, type ExtensionBrowser } from './support/extension';
import { startTrackerProxy, type TrackerProxy } from './support/tracker-proxy';
import { PARTICIPANTS, recordParticipant, type RecordedBundle } from './support/workspace-scenario';
import type { ExportJobRecord, ExportReceiptRecord } from '../../lib/contracts';

// The whole way from the options page to a real Redmine (Debian's 5.0, served on
// loopback by scripts/redmine.mjs), driven through the extension's own pages.
// A missing Redmine fails with what to install: it never silently skips.
const run = promisify(execFile);
const SCRIPT = new URL('../../scripts/redmine.mjs', import.meta.url).pathname;
const EXIT_MISSING = 3;
const SHOTS = 'test-results/tracker-export';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
];
const TRACKER = 'Team Redmine';
const STUDY = 'Get your payouts';

interface Redmine {
  baseUrl: string;
  apiKey: string;
  started: boolean;
}

async function redmine(command: 'start' | 'stop'): Promise<Redmine | null> {
  try {
    const { stdout } = await run(process.execPath, [SCRIPT, command], { timeout: 150_000 });
    return command === 'start' ? (JSON.parse(stdout) as Redmine) : null;
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    if (failed.code === EXIT_MISSING)
      throw new Error(failed.stderr ?? 'Redmine is not installed', { cause: error });
    throw error;
  }
}

interface RedmineIssue {
  id: number;
  subject: string;
  description: string;
  attachments: { filename: string; content_type: string; filesize: number }[];
  journals: { notes: string | null }[];
}

describe('exporting findings to a real Redmine from the extension', () => {
  let server: Redmine;
  let startedHere = false;
  let proxy: TrackerProxy;
  let project: string;
  let demo: Demo;
  let ext: ExtensionBrowser;
  let trackers: TrackersSection;
  let review: ReviewPage;
  let panel: ExportPanel;
  let bundles: RecordedBundle[] = [];
  /** Every request the browser sent that Playwright saw, by URL, with its headers and body. */
  const browserRequests: { url: string; text: string }[] = [];

  /** Straight REST to Redmine (not through the proxy, not the client under test). */
  async function rest<T>(path: string): Promise<T> {
    const response = await fetch(`${server.baseUrl}${path}`, {
      headers: { 'X-Redmine-API-Key': server.apiKey },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return (await response.json()) as T;
  }

  /**
   * A project of this run's own: Redmine keeps its issues across runs, and a
   * finding's marker is stable, so an old issue would be found and adopted.
   */
  async function createProject(): Promise<string> {
    const identifier = `sg-e2e-${Date.now().toString(36)}`;
    const { trackers: kinds } = await rest<{ trackers: { id: number }[] }>('/trackers.json');
    const response = await fetch(`${server.baseUrl}/projects.json`, {
      method: 'POST',
      headers: { 'X-Redmine-API-Key': server.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        project: {
          name: `Study Group e2e ${identifier}`,
          identifier,
          is_public: true,
          tracker_ids: kinds.map((k) => k.id),
          enabled_module_names: ['issue_tracking'],
        },
      }),
    });
    if (response.status !== 201) throw new Error(`creating ${identifier}: ${response.status}`);
    return identifier;
  }

  /** Issues of this run's project whose description carries the marker (the whole word). */
  async function issuesWithMarker(marker: string): Promise<RedmineIssue[]> {
    const { issues } = await rest<{ issues: { id: number; description: string | null }[] }>(
      `/issues.json?project_id=${project}&status_id=*&limit=100&sort=id`,
    );
    const hits = issues.filter((i) => new RegExp(`${marker}(?![\\w-])`).test(i.description ?? ''));
    return Promise.all(
      hits.map(
        async (i) =>
          (await rest<{ issue: RedmineIssue }>(`/issues/${i.id}.json?include=attachments,journals`))
            .issue,
      ),
    );
  }

  const file = (b: RecordedBundle) => ({
    name: b.name,
    mimeType: 'application/gzip',
    buffer: b.buffer,
  });
  const receipts = () => ext.readStore<ExportReceiptRecord>('exportReceipts');
  const jobs = () => ext.readStore<ExportJobRecord>('exportJobs');
  /** The marker the pipeline put in the finding's draft (what a tracker search finds). */
  async function markerOf(findingId: string): Promise<string> {
    const job = (await jobs()).find((j) => j.findingId === findingId);
    if (!job) throw new Error(`no export job for ${findingId}`);
    return job.draft.marker;
  }

  async function shoot(page: Page, name: string, top?: Locator) {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      // What the picture is about at the top, as the user scrolled there.
      if (top) await top.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: `${SHOTS}/${name}-${size.width}x${size.height}.png` });
    }
    await page.setViewportSize(SIZES[0]!);
  }

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    const started = await redmine('start');
    if (!started) throw new Error('no Redmine');
    server = started;
    startedHere = started.started;
    project = await createProject();
    proxy = await startTrackerProxy(server.baseUrl);
    demo = await startDemo();
  }, 200_000);

  afterAll(async () => {
    await ext?.close();
    await demo?.close();
    await proxy?.close();
    if (startedHere) await redmine('stop');
  }, 60_000);

  it('records two short sessions with two tags each and imports the first into a fresh profile', async () => {
    // Baker 3 tags twice (Stuck, Confused) and hits the export's 500: three findings.
    // Baker 4, imported later, is stuck at the same place: new evidence for that issue.
    const baker3 = PARTICIPANTS[2]!;
    bundles = [
      await recordParticipant(demo, baker3),
      await recordParticipant(demo, {
        ...baker3,
        alias: 'Baker 4',
        note: 'Which export is the one for my accountant?',
        alsoStuck: 'Is the first payout the one on top?',
      }),
    ];
    ext = await launchExtension();
    ext.context.on('request', (request) => {
      void request.allHeaders().then((headers) =>
        browserRequests.push({
          url: request.url(),
          text: `${JSON.stringify(headers)}\n${request.postData() ?? ''}`,
        }),
      );
    });
    review = await ReviewPage.open(ext);
    const imported = await review.importFile(file(bundles[0]!));
    expect(imported.ok, imported.text).toBe(true);
  });

  it('configures Redmine in the options page: fields checked, every connection check ✓', async () => {
    trackers = await TrackersSection.open(ext);
    await trackers.add('Redmine');
    await trackers.fillRedmine({ name: TRACKER, baseUrl: 'http://redmine.example.com' });
    await trackers.form.getByRole('button', { name: 'Save tracker' }).click();
    const errors = await trackers.fieldErrors();
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Use https/),
        'Project is required.',
        'API key is required.',
      ]),
    );
    await expect
      .poll(() => trackers.form.getByLabel('Redmine URL').getAttribute('aria-invalid'))
      .toBe('true');

    await trackers.fillRedmine({
      baseUrl: proxy.url,
      project,
      apiKey: server.apiKey,
      labels: 'study-group, ux',
    });
    const tested = await trackers.testConnection();
    expect(tested).toEqual({
      checks: [
        { ok: true, label: 'Signed in', detail: 'As admin.' },
        { ok: true, label: 'Project found', detail: expect.stringContaining(`(${project})`) },
        { ok: true, label: 'May create issues', detail: 'Yes.' },
        { ok: true, label: 'May upload attachments', detail: expect.stringMatching(/^Yes/) },
      ],
    });
    expect(await seriousA11yViolations(trackers.page)).toEqual([]);
    await shoot(trackers.page, 'tracker-settings', trackers.form);

    expect(await trackers.save()).toBe(`Saved “${TRACKER}”.`);
    expect(await trackers.names()).toEqual([TRACKER]);
    await trackers.edit(TRACKER);
    expect(await trackers.savedSecret('apiKey')).toBe(`saved ••••${server.apiKey.slice(-4)}`);
    expect(await trackers.page.content()).not.toContain(server.apiKey);
  });

  it('says which credential is wrong when the key is not Redmine’s', async () => {
    const wrong = 'not-the-key-0f1e2d3c4b5a69788796a5b4c3d2e1f0';
    await trackers.replaceSecret('API key', wrong);
    const tested = await trackers.testConnection();
    if (!('checks' in tested)) throw new Error(`the test itself failed: ${tested.error}`);
    const [signedIn, ...rest] = tested.checks;
    expect(signedIn).toEqual({
      ok: false,
      label: 'Signed in',
      detail: expect.stringMatching(/refused the API key \(401\).*check the API key/),
    });
    expect(rest.map((c) => [c.ok, c.detail])).toEqual(
      Array(3).fill([false, 'Not checked: fix the problem above first.']),
    );
    expect(JSON.stringify(tested)).not.toContain(wrong);
    await trackers.cancel();
    await trackers.edit(TRACKER);
    expect(await trackers.savedSecret('apiKey')).toBe(`saved ••••${server.apiKey.slice(-4)}`);
    await trackers.cancel();
  });

  it('exports one finding: the issue has its title, body, labels and screenshot', async () => {
    const board = new FindingsBoardPage(review.page);
    await review.page.bringToFront();
    await board.show(STUDY, 'Findings');
    const cards = await board.read(3);
    panel = new ExportPanel(review.page);
    const stuck = cards.find((c) => c.title.startsWith('Stuck'))!;
    const card = panel.card(stuck.title);
    await panel.sendButton(card).click();
    const items = await panel.waitForItems(panel.latestBatch(), (xs) =>
      xs.every((x) => x.type === 'done'),
    );
    expect(items).toEqual([
      { title: stuck.title, status: expect.stringMatching(/^Done: issue #\d+$/), type: 'done' },
    ]);

    const [receipt] = await receipts();
    expect(receipt).toBeDefined();
    const marker = await markerOf(receipt!.findingId);
    const found = await issuesWithMarker(marker);
    expect(found).toHaveLength(1);
    const issue = found[0]!;
    expect(String(issue.id)).toBe(receipt!.issue.id);
    expect(issue.subject).toBe(stuck.title);
    expect(issue.description).toContain('1 of 1 participants');
    // The note, Markdown-escaped ("one\\?").
    expect(issue.description).toContain('Which payout is the first one');
    expect(issue.description).toContain(marker);
    // Redmine has no labels: the client writes them into the description.
    expect(issue.description).toMatch(/study-group/);
    expect(issue.description).toMatch(/\bux\b/);
    // Baker 3's screenshot of the moment, as a picture Redmine shows.
    expect(issue.attachments.map((a) => a.content_type)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^image\/(png|jpeg|webp)$/)]),
    );
    // And the finding's offline replay clip, a self-contained page of some size.
    const clip = issue.attachments.find((a) => /-replay-\d+-annotations?\.html$/.test(a.filename));
    expect(clip?.content_type).toBe('text/html');
    expect(clip!.filesize).toBeGreaterThan(50_000);
    expect(receipt!.attached.map((a) => a.fileName).sort()).toEqual(
      issue.attachments.map((a) => a.filename).sort(),
    );

    await expect
      .poll(() => panel.receipts(card))
      .toEqual([
        expect.stringMatching(new RegExp(`^Filed in ${TRACKER} as issue #${issue.id}\\b`)),
      ]);
    await expect
      .poll(() => panel.sendButton(card).innerText())
      .toMatch(/^Add new evidence as a comment/);
  });

  it('re-exporting a finding with nothing new adds nothing to its issue', async () => {
    const [receipt] = await receipts();
    const before = (await issuesWithMarker(await markerOf(receipt!.findingId)))[0]!;
    const title = before.subject;
    await panel.sendButton(panel.card(title)).click();
    await expect
      .poll(() => panel.board.locator('.export-bar__notice').innerText())
      .toMatch(/^1 finding left as it is in Team Redmine: nothing new/);
    const after = await issuesWithMarker(await markerOf(receipt!.findingId));
    expect(after.map((i) => [i.id, i.journals.length])).toEqual([
      [before.id, before.journals.length],
    ]);
  });

  it('a batch of three survives Redmine stopping midway: no duplicate, the interrupted one completed, new evidence commented', async () => {
    const [first] = await receipts();
    const stuckMarker = await markerOf(first!.findingId);
    const stuckBefore = (await issuesWithMarker(stuckMarker))[0]!;
    const imported = await importFiles(review.page, [file(bundles[1]!)]);
    expect(imported.ok, imported.files.join('\n')).toBe(true);
    await expect
      .poll(() => panel.card(stuckBefore.subject).getByTestId('finding-reach').innerText())
      .toMatch(/^2 of 2/);

    // The popup's summary of the newest session (Baker 4's) offers what is not filed yet.
    const popup = await PopupPage.open(ext);
    const send = popup.summary().getByRole('region', { name: 'Send to a tracker' });
    await expect.poll(() => send.innerText()).toContain(`Send 2 findings to ${TRACKER}`);
    expect(await seriousA11yViolations(popup.page)).toEqual([]);
    await popup.page.close();
    await review.page.bringToFront();

    await panel.selectAll();
    await panel.existing('Add new evidence as a comment');
    // Slow enough that the batch cannot end between the first "done" and the cut.
    proxy.setDelay(400);
    await panel.sendSelected();
    const batch = panel.latestBatch();
    const queued = await panel.waitForItems(batch, (xs) => xs.length === 3);
    expect(queued.filter((x) => x.title.startsWith('Comment on: '))).toHaveLength(1);
    await panel.waitForItems(batch, (xs) => xs.some((x) => x.type === 'done'));
    proxy.goDown();
    await redmine('stop');
    const interrupted = await panel.waitForItems(
      batch,
      (xs) => xs.some((x) => x.type === 'waiting' || x.type === 'failed'),
      90_000,
    );
    expect(interrupted.filter((x) => x.type === 'done').length).toBeLessThan(3);
    const stalled = interrupted.find((x) => x.type === 'waiting' || x.type === 'failed')!;
    expect(stalled.status).toMatch(/^(Waiting until \d\d:\d\d:\d\d( [AP]M)?|Failed): \S/);
    await review.page.bringToFront();
    await shoot(review.page, 'export-in-progress', panel.board);

    const restarted = await redmine('start');
    if (!restarted) throw new Error('Redmine did not come back');
    server = { ...restarted, started: startedHere || restarted.started };
    proxy.setDelay(0);
    proxy.comeBack(server.baseUrl);
    // Failed items wait for the user; waiting ones go on by themselves.
    for (const retry of await batch.getByRole('button', { name: /^Retry/ }).all())
      await retry.click();
    const settled = await panel.waitForItems(
      batch,
      (xs) => xs.every((x) => x.type === 'done'),
      150_000,
    );
    expect(settled).toHaveLength(3);

    const all = await receipts();
    expect(all).toHaveLength(3);
    for (const receipt of all) {
      const found = await issuesWithMarker(await markerOf(receipt.findingId));
      expect(found.map((i) => String(i.id))).toEqual([receipt.issue.id]);
      // Wherever it was cut off, every file the receipt lists reached the issue.
      expect(found[0]!.attachments.map((a) => a.filename).sort()).toEqual(
        receipt.attached.map((a) => a.fileName).sort(),
      );
    }
    // The finding filed before got Baker 4's note as a comment on the same issue.
    const stuckAfter = await issuesWithMarker(stuckMarker);
    expect(stuckAfter.map((i) => i.id)).toEqual([stuckBefore.id]);
    const notes = stuckAfter[0]!.journals.map((j) => j.notes ?? '').filter(Boolean);
    expect(notes).toHaveLength(stuckBefore.journals.filter((j) => j.notes).length + 1);
    // The update says the reach grew and names Baker 4's picture, now attached too.
    expect(notes.at(-1)).toContain('**2 of 2 participants**');
    expect(notes.at(-1)).toMatch(/baker-4-[0-9a-f]+\.jpg/);
    expect(stuckAfter[0]!.attachments.map((a) => a.filename)).toEqual(
      expect.arrayContaining([expect.stringMatching(/baker-4/)]),
    );
    expect(all.find((r) => r.id === first!.id)?.comments).toBe(1);
    const after = await PopupPage.open(ext);
    await expect
      .poll(() => after.summary().getByRole('region', { name: 'Send to a tracker' }).innerText())
      .toContain(`All 3 findings are in ${TRACKER}.`);
    await after.page.close();
    await review.page.bringToFront();
    expect(await seriousA11yViolations(review.page)).toEqual([]);
  });

  it('shows the created issue in Redmine', async () => {
    const [receipt] = await receipts();
    const page = await ext.context.newPage();
    await page.goto(`${server.baseUrl}/issues/${receipt!.issue.id}`);
    await page.locator('#content h2, #content .subject').first().waitFor();
    await shoot(page, 'redmine-issue');
    await page.close();
  });

  it('sent the API key to Redmine only: not to other hosts, not into jobs, receipts or bundles', async () => {
    const key = server.apiKey;
    const toRedmine = proxy.seen.filter((r) => r.headers['x-redmine-api-key'] === key);
    expect(toRedmine.length).toBeGreaterThan(0);
    const elsewhere = browserRequests.filter(
      (r) => !r.url.startsWith(proxy.url) && !r.url.startsWith(server.baseUrl),
    );
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(elsewhere.filter((r) => r.text.includes(key)).map((r) => r.url)).toEqual([]);
    // Bodies to Redmine carry no key either: only the header does.
    expect(proxy.seen.filter((r) => r.body.includes(key)).map((r) => r.path)).toEqual([]);

    const worker = await extensionWorker(ext.context, ext.extensionId);
    const holding = await worker.evaluate(async (secret: string) => {
      const bytes = new TextEncoder().encode(secret);
      const inBytes = (data: Uint8Array) => {
        outer: for (let i = 0; i + bytes.length <= data.length; i++) {
          for (let j = 0; j < bytes.length; j++) if (data[i + j] !== bytes[j]) continue outer;
          return true;
        }
        return false;
      };
      const holds = async (value: unknown): Promise<boolean> => {
        if (typeof value === 'string') return value.includes(secret);
        if (value instanceof Uint8Array) return inBytes(value);
        if (value instanceof ArrayBuffer) return inBytes(new Uint8Array(value));
        if (value instanceof Blob) return inBytes(new Uint8Array(await value.arrayBuffer()));
        if (Array.isArray(value)) {
          for (const v of value) if (await holds(v)) return true;
          return false;
        }
        if (value && typeof value === 'object') {
          for (const v of Object.values(value)) if (await holds(v)) return true;
        }
        return false;
      };
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('study-group');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const found: string[] = [];
      for (const name of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        if (await holds(rows)) found.push(name);
      }
      db.close();
      return { found, stores: db.objectStoreNames.length };
    }, key);
    expect(holding.stores).toBeGreaterThan(5);
    expect(holding.found).toEqual([]);
    expect((await jobs()).length).toBeGreaterThan(0);

    await review.page.bringToFront();
    await review.page.getByRole('tab', { name: 'Sessions' }).click();
    const { text } = await readDownload(await review.exportAll());
    expect(text).toContain('"sessions"');
    expect(text.includes(key)).toBe(false);
  });
});
