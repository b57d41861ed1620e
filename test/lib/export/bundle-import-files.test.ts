import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  exportBundle,
  importBundle,
  importBundleFiles,
  parseBundleJson,
  type ImportProgress,
} from '@/lib/export';
import { createKit, serializeKit } from '@/lib/studies';
import { createDb, gunzip, gzipJson, sha256Hex, type StudyGroupDb } from '@/lib/storage';
import type { FindingOverrideRecord } from '@/lib/contracts';

const ORIGIN = 'http://127.0.0.1:4173';
const deps = { compress: gzipJson, hash: sha256Hex };

/** A minimal valid bundle session: one page with a Meta and a FullSnapshot. */
function session(id: string, patch: object = {}) {
  return {
    id,
    title: `Session ${id}`,
    participant: 'P',
    origins: [ORIGIN],
    status: 'ended',
    startedAt: 1_000,
    endedAt: 2_000,
    activeMs: 1_000,
    endReason: { type: 'user' },
    segments: [
      {
        id: `${id}-seg`,
        tabId: 1,
        url: `${ORIGIN}/`,
        startedAt: 1_000,
        events: [
          { type: 4, data: { href: `${ORIGIN}/`, width: 800, height: 600 }, timestamp: 1_000 },
          { type: 2, data: { node: { type: 0, childNodes: [], id: 1 } }, timestamp: 1_001 },
        ],
      },
    ],
    timeline: [],
    annotations: [] as object[],
    ...patch,
  };
}
const bundle = (sessions: object[], extra: object = {}) => ({
  format: 'study-group-bundle',
  version: 1,
  exportedAt: 'now',
  generator: 'test',
  sessions,
  ...extra,
});
const file = (name: string, value: unknown) =>
  new File([gzipSync(typeof value === 'string' ? value : JSON.stringify(value))], name);

const note = (id: string) => ({
  id,
  kind: 'manual',
  ts: 1_500,
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
  screenshot: null,
});

async function contents(db: StudyGroupDb) {
  return {
    sessions: (await db.sessions.toArray()).map((s) => s.id).sort(),
    segments: await db.segments.count(),
    chunks: await db.chunks.count(),
    annotations: await db.annotations.count(),
    overrides: await db.findingOverrides.count(),
  };
}

let db: StudyGroupDb;
beforeEach(() => {
  db = createDb(`import-files-${Math.random()}`);
});

describe('a file that is not a bundle', () => {
  it('says a study kit is one and where to import it', async () => {
    const kitFile = new File(
      [
        serializeKit(
          createKit(1, () => `k-${Math.random()}`),
          'now',
        ),
      ],
      'get-paid.studykit.json',
    );
    const result = await importBundle(db, kitFile, deps);
    expect(result).toEqual({
      type: 'error',
      message: expect.stringMatching(
        /^This file is a study kit .*not a session bundle: import it in Options → Studies/,
      ) as unknown as string,
    });
    expect(await db.sessions.count()).toBe(0);
  });
});

describe('importing several bundle files', () => {
  it('imports the good files, rejects the broken one with its reason, and skips a duplicate', async () => {
    const done: number[] = [];
    const results = await importBundleFiles(
      db,
      [
        file('a.studygroup.json.gz', bundle([session('a')])),
        file('broken.studygroup.json.gz', '{"format":"study-group-bundle",'),
        file('b.studygroup.json.gz', bundle([session('b1'), session('b2')])),
        file('a-again.studygroup.json.gz', bundle([session('a')])),
      ],
      { ...deps, onFileDone: (i) => done.push(i) },
    );
    expect(results.map((r) => r.name)).toEqual([
      'a.studygroup.json.gz',
      'broken.studygroup.json.gz',
      'b.studygroup.json.gz',
      'a-again.studygroup.json.gz',
    ]);
    expect(results[0]!.result).toMatchObject({ type: 'ok', imported: ['Session a'], skipped: [] });
    expect(results[1]!.result).toMatchObject({ type: 'error', message: /not valid JSON/ });
    expect(results[2]!.result).toMatchObject({
      type: 'ok',
      imported: ['Session b1', 'Session b2'],
      sessionIds: ['b1', 'b2'],
    });
    expect(results[3]!.result).toMatchObject({
      type: 'ok',
      imported: [],
      skipped: ['Session a'],
      sessionIds: ['a'],
    });
    expect(done).toEqual([0, 1, 2, 3]);
    expect(await contents(db)).toEqual({
      sessions: ['a', 'b1', 'b2'],
      segments: 3,
      chunks: 3,
      annotations: 0,
      overrides: 0,
    });
  });

  it('reports progress per file, rising to 1 for each file that imports', async () => {
    const seen: [number, ImportProgress][] = [];
    await importBundleFiles(
      db,
      [file('one', bundle([session('x'), session('y')])), file('two', bundle([session('z')]))],
      { ...deps, onProgress: (i, p) => seen.push([i, p]) },
    );
    for (const i of [0, 1]) {
      const fractions = seen.filter(([f]) => f === i).map(([, p]) => p.fraction);
      expect(fractions[0]).toBe(0);
      expect(fractions.at(-1)).toBe(1);
      expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    }
    const stages = seen.filter(([f]) => f === 0).map(([, p]) => p.stage);
    expect(stages).toEqual(['reading', 'checking', 'preparing', 'preparing', 'writing', 'writing']);
  });

  it('writes nothing of a file whose write fails half way, and still imports the next file', async () => {
    await importBundle(
      db,
      file('first', bundle([session('old', { annotations: [note('n1')] })])),
      deps,
    );
    const before = await contents(db);
    // The second session's annotation id is taken: its bulkAdd fails after the first session was added.
    const halfBad = bundle([session('fresh'), session('clash', { annotations: [note('n1')] })]);
    const results = await importBundleFiles(
      db,
      [file('half-bad', halfBad), file('good', bundle([session('next')]))],
      deps,
    );
    expect(results[0]!.result).toMatchObject({
      type: 'error',
      message: /nothing was imported/,
    });
    expect(results[1]!.result).toMatchObject({ type: 'ok', imported: ['Session next'] });
    expect(await contents(db)).toEqual({
      ...before,
      sessions: ['next', 'old'],
      segments: before.segments + 1,
      chunks: before.chunks + 1,
    });
  });
});

describe('findings overrides in bundles', () => {
  let n = 0;
  // Round 1 (the kit schema keeps no round field yet: absent means 1).
  const kit = { ...createKit(1, () => (n++ === 0 ? 'kit-1' : `tag-${n}`)), origins: [ORIGIN] };
  const override = (id: string, studyKey: string): FindingOverrideRecord => ({
    id,
    studyKey,
    rulesVersion: 1,
    createdAt: 10,
    override: { type: 'status', findingId: 'f1', status: 'accepted' },
  });

  it('travel with the sessions of their study, and import once', async () => {
    const source = createDb(`overrides-src-${Math.random()}`);
    const setup = await importBundle(
      source,
      file('kit', bundle([session('k', { study: kit }), session('q')])),
      deps,
    );
    expect(setup, JSON.stringify(setup)).toMatchObject({ type: 'ok' });
    await source.findingOverrides.bulkAdd([
      override('mine', 'kit-1#1'),
      override('other-round', 'kit-1#2'),
      override('other-kit', 'kit-9#2'),
    ]);
    const blob = await exportBundle(source, ['k', 'q'], { exportedAt: 'now', generator: 't' });
    const json = new TextDecoder().decode(await gunzip(new Uint8Array(await blob.arrayBuffer())));
    expect(parseBundleJson(json).findingOverrides.map((o) => o.id)).toEqual(['mine']);

    const first = await importBundle(db, new File([blob], 'kit'), deps);
    expect(first).toMatchObject({ type: 'ok', overrides: 1 });
    expect(await db.findingOverrides.toArray()).toEqual([override('mine', 'kit-1#1')]);
    const again = await importBundle(db, new File([blob], 'kit'), deps);
    expect(again).toMatchObject({ type: 'ok', overrides: 0, skipped: ['Session k', 'Session q'] });
    expect(await db.findingOverrides.count()).toBe(1);
  });

  it('a quick session carries none, and a bundle written before them still imports', async () => {
    await db.findingOverrides.add(override('kept', 'kit-1#2'));
    const blob = await exportBundle(db, [], { exportedAt: 'now', generator: 't' });
    const json = JSON.parse(
      new TextDecoder().decode(await gunzip(new Uint8Array(await blob.arrayBuffer()))),
    );
    expect(json.findingOverrides).toEqual([]);
    const old = bundle([session('legacy')]);
    expect('findingOverrides' in old).toBe(false);
    expect(await importBundle(db, file('old', old), deps)).toMatchObject({
      type: 'ok',
      imported: ['Session legacy'],
      overrides: 0,
    });
  });

  it('rejects a bundle whose overrides are malformed, writing none of its sessions', async () => {
    const bad = bundle([session('s')], {
      findingOverrides: [
        { ...override('x', 'kit-1#2'), override: { type: 'merge', findingId: 'f', otherId: 'f' } },
      ],
    });
    const result = await importBundle(db, file('bad', bad), deps);
    expect(result).toMatchObject({ type: 'error', message: /findingOverrides\[0\]/ });
    expect(await contents(db)).toMatchObject({ sessions: [], overrides: 0 });
  });
});
