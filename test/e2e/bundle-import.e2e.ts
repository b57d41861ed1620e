import { gzipSync } from 'node:zlib';
import { describe, expect } from 'vitest';
import { ReviewPage } from './pages/review-page';
import { test as base } from './support/fixtures';

const meta = {
  type: 4,
  data: { href: 'http://127.0.0.1:1/', width: 800, height: 600 },
  timestamp: 1_000,
};
const snapshot = {
  type: 2,
  data: { node: { type: 0, childNodes: [], id: 1 }, initialOffset: { left: 0, top: 0 } },
  timestamp: 1_001,
};
const session = {
  id: 'imported-1',
  title: 'Imported',
  participant: 'P',
  origins: ['http://127.0.0.1:1'],
  status: 'ended',
  startedAt: 1_000,
  endedAt: 2_000,
  activeMs: 1_000,
  endReason: { type: 'user' },
  segments: [
    {
      id: 'seg-1',
      tabId: 1,
      url: 'http://127.0.0.1:1/',
      startedAt: 1_000,
      events: [meta, snapshot],
    },
  ],
  timeline: [],
};
const good = {
  format: 'study-group-bundle',
  version: 1,
  exportedAt: 'now',
  generator: 'test',
  sessions: [session],
};
const file = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/gzip', buffer });

/** The review page of the file's browser, with the good bundle imported. */
const test = base.extend('review', { scope: 'file' }, async ({ ext }) => {
  const review = await ReviewPage.open(ext);
  const result = await review.importFile(
    file('good.studygroup.json.gz', gzipSync(JSON.stringify(good))),
  );
  expect(result.ok, result.text).toBe(true);
  return review;
});

describe('importing bad bundles in the review page', () => {
  const huge = {
    ...good,
    sessions: [
      {
        ...session,
        id: 'huge',
        segments: [
          {
            ...session.segments[0]!,
            id: 'huge-seg',
            events: Array.from({ length: 2_000_000 }, (_, i) => ({
              type: 3,
              data: {},
              timestamp: 1_000 + i,
            })),
          },
        ],
      },
    ],
  };
  const cases: [string, Buffer, RegExp][] = [
    ['truncated gzip', gzipSync(JSON.stringify(good)).subarray(0, 80), /damaged or incomplete/],
    ['wrong version', gzipSync(JSON.stringify({ ...good, version: 7 })), /version 7/],
    [
      'missing fields',
      gzipSync(JSON.stringify({ ...good, sessions: [{ id: 'x' }] })),
      /malformed: sessions\[0\]/,
    ],
    [
      'a 10x oversized events array',
      gzipSync(JSON.stringify(huge)),
      /2000000 events; at most 200000/,
    ],
  ];

  test.for(cases)(
    'rejects %s with a message and leaves the database unchanged',
    async ([name, buffer, message], { ext, review }) => {
      const before = await ext.dbDump();
      const result = await review.importFile(file(`${name}.studygroup.json.gz`, buffer));
      expect(result.ok).toBe(false);
      expect(result.text).toMatch(message);
      expect(await ext.dbDump()).toEqual(before);
      await expect.poll(() => review.rows().count()).toBe(1);
    },
  );
});
