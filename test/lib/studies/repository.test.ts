import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDb, type StudyGroupDb } from '@/lib/storage';
import {
  createKit,
  deleteStudy,
  getStudy,
  importKit,
  listStudies,
  saveStudy,
  serializeKit,
} from '@/lib/studies';
import type { StudyKit } from '@/lib/contracts';

let db: StudyGroupDb;
let n = 0;
const newId = () => `id-${++n}`;
const asFile = (text: string) => new Blob([text], { type: 'application/json' });

function kit(title: string, updatedAt = 1_000): StudyKit {
  return { ...createKit(updatedAt, newId), title };
}

beforeEach(() => {
  db = createDb(`studies-${Math.random()}`);
});

describe('study repository', () => {
  it('saves, lists newest first, gets and deletes studies', async () => {
    const a = kit('A');
    const b = kit('B');
    expect(await saveStudy(db, a, 5_000)).toEqual({ type: 'ok', kit: { ...a, updatedAt: 5_000 } });
    await saveStudy(db, b, 6_000);
    expect((await listStudies(db)).map((s) => s.title)).toEqual(['B', 'A']);
    await saveStudy(db, { ...a, title: 'A2' }, 7_000);
    expect((await listStudies(db)).map((s) => s.title)).toEqual(['A2', 'B']);
    expect(await getStudy(db, a.id)).toMatchObject({
      title: 'A2',
      updatedAt: 7_000,
      createdAt: 1_000,
    });
    await deleteStudy(db, a.id);
    expect(await getStudy(db, a.id)).toBeUndefined();
    expect(await db.studies.count()).toBe(1);
  });

  it('refuses to save an invalid kit and writes nothing', async () => {
    const bad = { ...kit('A'), timeBoxMinutes: 0 };
    const result = await saveStudy(db, bad, 2_000);
    expect(result).toEqual({
      type: 'error',
      message: 'timeBoxMinutes: The time box is at least 1 minute.',
    });
    expect(await db.studies.count()).toBe(0);
  });

  it('imports a kit file', async () => {
    const k = kit('Get paid');
    const result = await importKit(db, asFile(serializeKit(k, 'now')));
    expect(result).toEqual({ type: 'imported', kit: k, message: 'Imported “Get paid”.' });
    expect(await getStudy(db, k.id)).toEqual(k);
  });

  it('replaces a study only with a newer kit', async () => {
    const k = kit('Get paid', 1_000);
    await saveStudy(db, k, 5_000);

    const older = await importKit(db, asFile(serializeKit({ ...k, title: 'Old' }, 'now')));
    expect(older).toMatchObject({
      type: 'up-to-date',
      message: '“Get paid” is already up to date: the study here is as recent as the file or more.',
    });
    const same = await importKit(db, asFile(serializeKit({ ...k, updatedAt: 5_000 }, 'now')));
    expect(same.type).toBe('up-to-date');
    expect(await getStudy(db, k.id)).toMatchObject({ title: 'Get paid', updatedAt: 5_000 });

    const newer = await importKit(
      db,
      asFile(serializeKit({ ...k, title: 'Get paid v2', updatedAt: 9_000 }, 'now')),
    );
    expect(newer).toMatchObject({
      type: 'replaced',
      message: 'Updated “Get paid v2” from the newer kit in the file.',
    });
    expect(await getStudy(db, k.id)).toMatchObject({ title: 'Get paid v2', updatedAt: 9_000 });
    expect(await db.studies.count()).toBe(1);
  });

  it('says a session bundle is one, gzipped or not, and where to import it', async () => {
    const bundle = { format: 'study-group-bundle', version: 1, sessions: [] };
    const gzipped = new Blob([gzipSync(JSON.stringify(bundle))]);
    const where = /^This file is a session bundle .*not a study kit: import it on the review page/;
    for (const file of [gzipped, asFile(JSON.stringify(bundle))]) {
      const result = await importKit(db, file);
      expect(result.type).toBe('error');
      expect(result.message).toMatch(where);
      expect(result.message).not.toMatch(/JSON/);
    }
    expect(await db.studies.count()).toBe(0);
  });

  it('imports all or nothing: a bad file leaves the studies as they were', async () => {
    const k = kit('Keep me');
    await saveStudy(db, k, 5_000);
    const before = await db.studies.toArray();
    const good = JSON.parse(serializeKit({ ...k, updatedAt: 9_000 }, 'now')) as {
      kit: StudyKit;
    };
    // JSON.stringify leaves out the undefined title.
    const untitledTask = { id: 't', title: undefined, doneWhen: '' };
    const bad: [string, string | Blob, RegExp][] = [
      ['malformed JSON', '{"format":', /not valid JSON/],
      ['wrong version', JSON.stringify({ ...good, version: 3 }), /version 3, made by a newer/],
      [
        'missing fields',
        JSON.stringify({ ...good, kit: { ...good.kit, tasks: [untitledTask] } }),
        /kit\.tasks\[0\]\.title: missing/,
      ],
      [
        'a newer kit with one invalid tag',
        JSON.stringify({
          ...good,
          kit: {
            ...good.kit,
            tags: [...good.kit.tags, { id: 'z', label: 'Z', color: '#000000', key: '2' }],
          },
        }),
        /kit\.tags\[6\]\.key: Key 2 is used by two tags/,
      ],
      [
        'a 5 MB scenario',
        JSON.stringify({ ...good, kit: { ...good.kit, scenario: 'x'.repeat(5_000_000) } }),
        /^The file is 4\.8 MB; a kit file is at most 1 MB\.$/,
      ],
      ['an empty file', '', /The file is empty/],
      [
        'an invalid selector',
        JSON.stringify({
          ...good,
          kit: { ...good.kit, privacy: { blockSelectors: ['div['], maskSelectors: [] } },
        }),
        /kit\.privacy\.blockSelectors\[0\]: “div\[” is not a valid CSS selector/,
      ],
    ];
    const tryMatch = (s: string) => {
      if (s === 'div[') throw new SyntaxError('bad');
    };
    for (const [name, content, message] of bad) {
      const result = await importKit(db, asFile(content as string), { tryMatch });
      expect(result.type, name).toBe('error');
      expect(result.message, name).toMatch(message);
      expect(await db.studies.toArray(), name).toEqual(before);
    }
  });
});
