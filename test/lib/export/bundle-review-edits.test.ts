import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT, BUNDLE_VERSION, exportBundle, importBundle } from '@/lib/export';
import { createDb, gunzip, gzipJson, sha256Hex, type StudyGroupDb } from '@/lib/storage';

const ORIGIN = 'http://127.0.0.1:4173';
const T0 = 1_795_267_500_000;
const deps = { compress: gzipJson, hash: sha256Hex };

const annotation = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'manual',
  ts: T0 + 2_000,
  url: `${ORIGIN}/cart`,
  tabId: 1,
  segmentId: 'seg-1',
  tagId: 'stuck',
  detector: null,
  severity: 2,
  note: '',
  target: null,
  evidence: null,
  dedupeKey: null,
  screenshot: null,
  ...extra,
});

/** A one-page session, its annotations as given. */
const bundleWith = (annotations: unknown[]) => ({
  format: BUNDLE_FORMAT,
  version: BUNDLE_VERSION,
  exportedAt: '2026-12-01T00:00:00Z',
  generator: 'test',
  sessions: [
    {
      id: 'session-1',
      title: 'Checkout',
      participant: 'P1',
      origins: [ORIGIN],
      status: 'ended',
      startedAt: T0,
      endedAt: T0 + 10_000,
      activeMs: 10_000,
      endReason: { type: 'user' },
      segments: [
        {
          id: 'seg-1',
          tabId: 1,
          url: `${ORIGIN}/cart`,
          startedAt: T0,
          events: [
            { type: 4, data: { href: `${ORIGIN}/cart`, width: 1280, height: 800 }, timestamp: T0 },
            { type: 2, data: { node: { type: 0, childNodes: [] } }, timestamp: T0 + 1 },
          ],
        },
      ],
      timeline: [],
      annotations,
    },
  ],
});

const asFile = (value: unknown) => new Blob([gzipSync(JSON.stringify(value))]);

async function exportedAnnotations(db: StudyGroupDb): Promise<Record<string, unknown>[]> {
  const blob = await exportBundle(db, ['session-1'], { exportedAt: 'now', generator: 'test' });
  const json = JSON.parse(
    new TextDecoder().decode(await gunzip(new Uint8Array(await blob.arrayBuffer()))),
  ) as { sessions: { annotations: Record<string, unknown>[] }[] };
  return json.sessions[0]!.annotations;
}

let db: StudyGroupDb;
beforeEach(() => {
  db = createDb(`bundle-review-${Math.random()}`);
});

describe('a reviewer’s work in bundles', () => {
  it('imports author, dismissed and editedAt and exports them again', async () => {
    const reviewed = [
      annotation('observed', { author: 'facilitator', editedAt: T0 + 60_000 }),
      annotation('noticed', {
        kind: 'auto',
        tagId: null,
        detector: 'dead-click',
        dedupeKey: 'dead-click:1',
        dismissed: true,
        editedAt: T0 + 70_000,
      }),
    ];
    expect((await importBundle(db, asFile(bundleWith(reviewed)), deps)).type).toBe('ok');
    expect(await db.annotations.get('observed')).toMatchObject({
      author: 'facilitator',
      editedAt: T0 + 60_000,
    });
    expect(await db.annotations.get('noticed')).toMatchObject({
      dismissed: true,
      editedAt: T0 + 70_000,
    });

    const again = await exportedAnnotations(db);
    expect(again.find((a) => a.id === 'observed')).toMatchObject({
      author: 'facilitator',
      editedAt: T0 + 60_000,
    });
    expect(again.find((a) => a.id === 'noticed')).toMatchObject({ dismissed: true });
    // And that export imports as it is, elsewhere.
    const other = createDb(`bundle-review-${Math.random()}`);
    const file = bundleWith(again);
    expect((await importBundle(other, asFile(file), deps)).type).toBe('ok');
    expect((await other.annotations.get('noticed'))?.dismissed).toBe(true);
  });

  it('still imports annotations written before reviewers could edit, without those fields', async () => {
    expect((await importBundle(db, asFile(bundleWith([annotation('old')])), deps)).type).toBe('ok');
    const stored = await db.annotations.get('old');
    expect(stored).toMatchObject({ tagId: 'stuck', severity: 2 });
    for (const field of ['author', 'dismissed', 'editedAt'])
      expect(stored).not.toHaveProperty(field);
  });

  it.each([
    ['an unknown author', { author: 'admin' }, /author/],
    ['a dismissed that is not a boolean', { dismissed: 'yes' }, /dismissed/],
    ['an edit time out of range', { editedAt: -1 }, /editedAt/],
  ])('refuses %s and writes nothing', async (_what, extra, field) => {
    const result = await importBundle(db, asFile(bundleWith([annotation('a', extra)])), deps);
    expect(result).toMatchObject({ type: 'error', message: expect.stringMatching(field) });
    expect(await db.sessions.count()).toBe(0);
  });
});
