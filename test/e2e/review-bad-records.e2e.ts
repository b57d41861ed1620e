import { gzipSync } from 'node:zlib';
import { describe, expect } from 'vitest';
import { createKit } from '../../lib/studies/defaults';
import { OptionsPage } from './pages/options-page';
import { PopupPage } from './pages/popup-page';
import { ReviewPage } from './pages/review-page';
import { readDownload } from './support/bundle';
import type { ExtensionBrowser } from './support/extension';
import { test } from './support/fixtures';

const ORIGIN = 'http://127.0.0.1:1';
const now = Date.now() - 60_000;

const session = (id: string, title: string, patch: object = {}) => ({
  id,
  title,
  participant: 'P',
  origins: [ORIGIN],
  tabIds: [1],
  status: 'ended',
  startedAt: now,
  endedAt: now + 1_000,
  activeMs: 1_000,
  runStartedAt: null,
  endReason: { type: 'user' },
  stats: { bytes: 100, events: 2, pages: 1 },
  study: null,
  tasks: [],
  goalReached: null,
  ...patch,
});

const segment = (id: string, sessionId: string, url: string, startedAt: number) => ({
  id,
  sessionId,
  tabId: 1,
  url,
  startedAt,
  lastTs: startedAt + 1,
  lastSeq: 0,
  events: 2,
  bytes: 100,
});

const chunk = (segmentId: string, sessionId: string, events: object[]) => ({
  segmentId,
  seq: 0,
  sessionId,
  firstTs: now,
  lastTs: now + 1,
  count: events.length,
  data: { bytes: [...gzipSync(JSON.stringify(events))] },
});

const snapshot = (text: string) => ({
  type: 2,
  timestamp: now + 1,
  data: {
    initialOffset: { left: 0, top: 0 },
    node: {
      type: 0,
      id: 1,
      childNodes: [
        {
          type: 2,
          tagName: 'html',
          attributes: {},
          id: 2,
          childNodes: [
            {
              type: 2,
              tagName: 'body',
              attributes: {},
              id: 3,
              childNodes: [{ type: 3, textContent: text, id: 4 }],
            },
          ],
        },
      ],
    },
  },
});

/** Records a crafted bundle or kit could leave behind, written straight into IndexedDB. */
async function writeBadRecords(ext: ExtensionBrowser) {
  await ext.writeStore('sessions', [
    session('good', 'Good session'),
    session('far', 'Far future', { startedAt: 1e300, endedAt: 1e300 }),
    session('urls', 'Bad URLs'),
    // Broken beyond any formatter: its row cannot be drawn at all.
    session('broken', 'Broken record', { stats: null }),
  ]);
  await ext.writeStore('segments', [
    segment('good-seg', 'good', `${ORIGIN}/fine`, now),
    segment('js-seg', 'urls', 'javascript:x', now),
    segment('text-seg', 'urls', 'not a url', now + 10),
  ]);
  await ext.writeStore('chunks', [
    chunk('good-seg', 'good', [
      { type: 4, timestamp: now, data: { href: `${ORIGIN}/fine`, width: 800, height: 600 } },
      snapshot('A page that replays'),
    ]),
    // A Meta event without its data.
    chunk('js-seg', 'urls', [{ type: 4, timestamp: now }, snapshot('Never shown')]),
    chunk('text-seg', 'urls', [
      { type: 4, timestamp: now, data: { href: `${ORIGIN}/x`, width: 800, height: 600 } },
      snapshot('Second page'),
    ]),
  ]);
  await ext.writeStore('annotations', [
    {
      id: 'bad-url-note',
      sessionId: 'urls',
      kind: 'manual',
      ts: now,
      url: 'not a url',
      tabId: 1,
      segmentId: 'js-seg',
      tagId: 'stuck',
      detector: null,
      severity: 2,
      note: 'Where am I?',
      target: null,
      evidence: null,
      dedupeKey: null,
    },
  ]);
  let id = 0;
  await ext.writeStore('studies', [
    {
      ...createKit(now, () => `future-${++id}`),
      title: 'Future kit',
      updatedAt: Number.MAX_SAFE_INTEGER,
    },
    { ...createKit(now, () => `broken-${++id}`), title: 'Broken kit', tasks: null },
  ]);
}

describe('bad records never break a page for good', () => {
  test.beforeAll(({ ext }) => writeBadRecords(ext));

  test('review: lists, opens, exports and deletes sessions around bad records, after reloads too', async ({
    ext,
  }) => {
    const review = await ReviewPage.open(ext);
    await review.page.reload();
    await review.page.getByRole('heading', { name: 'Study Group · Sessions' }).waitFor();
    await expect.poll(() => review.rows().count()).toBe(4);
    const far = review.rows().filter({ hasText: 'Far future' });
    expect(await far.innerText()).toContain('Invalid date');
    const broken = review.rows().filter({ hasText: 'broken' });
    expect(await broken.getByRole('alert').innerText()).toMatch(/This session cannot be shown: /);

    await review.page.getByRole('button', { name: 'Bad URLs', exact: true }).click();
    const pages = review.page.getByRole('list', { name: 'Pages in this session' });
    await expect.poll(() => pages.innerText()).toMatch(/javascript:x[\s\S]*not a url/);
    await expect
      .poll(() => review.page.getByTestId('player').innerText())
      .toMatch(/This page cannot be replayed/);
    const friction = review.page.getByRole('region', { name: /Friction noted/ });
    expect(await friction.innerText()).toContain('not a url');

    // The next page of that session and another session still replay.
    await pages.getByRole('button', { name: /not a url/ }).click();
    await review.page.getByRole('button', { name: 'Good session', exact: true }).click();
    await expect.poll(() => review.replayText()).toContain('A page that replays');

    const { json } = await readDownload(await review.exportAll());
    expect(json.sessions.map((s) => s.id).sort()).toEqual(['broken', 'far', 'good', 'urls']);

    await review.deleteSession('Far future');
    await broken.getByRole('button', { name: 'Open session broken' }).click();
    await review.page.getByRole('button', { name: 'Delete', exact: true }).click();
    await review.page.getByRole('button', { name: 'Delete session' }).click();
    await expect.poll(() => review.rows().count()).toBe(2);
    expect((await ext.dbDump()).sessions.map((s) => s.id).sort()).toEqual(['good', 'urls']);
    await review.page.close();
  });

  test('options: shows, exports and deletes a kit with a date out of range; a broken kit stays apart', async ({
    ext,
  }) => {
    const options = await OptionsPage.open(ext);
    await options.page.reload();
    await options.page.getByRole('heading', { name: 'Study Group settings' }).waitFor();
    expect(await options.studyTitles()).toContain('Future kit');
    expect(await options.studies.innerText()).toContain('updated Invalid date');
    expect(await options.studies.getByRole('alert').innerText()).toMatch(
      /This study cannot be shown: /,
    );
    expect(await options.savePrivacy(['.secret'], [])).toMatch(/Saved/);

    await options.openStudy('Future kit');
    const [download] = await Promise.all([
      options.page.waitForEvent('download'),
      options.editor.getByRole('button', { name: 'Export kit' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/future-kit/);
    await options.editor.getByRole('button', { name: 'Delete study' }).click();
    await options.page.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => options.studyTitles()).not.toContain('Future kit');
    await options.page.close();
  });

  test('popup: a live session it cannot show leaves the way to the review page', async ({
    ext,
  }) => {
    await ext.writeStore('sessions', [
      session('live', 'Live but broken', { status: 'recording', tasks: null }),
    ]);
    const popup = await PopupPage.open(ext);
    await expect
      .poll(() => popup.page.getByRole('alert').innerText())
      .toMatch(/This view cannot be shown: /);
    expect(await popup.page.getByRole('button', { name: 'Review sessions' }).isEnabled()).toBe(
      true,
    );
    await popup.close();
  });
});
