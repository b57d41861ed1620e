import { beforeEach, describe, expect, it } from 'vitest';
import { addAutoAnnotations } from '@/lib/annotations';
import { createDb, DEDUPE_KEY_CHARS, type StudyGroupDb } from '@/lib/storage';
import type { Detection } from '@/lib/friction';

const detection = (dedupeKey: string, ts = 1): Detection => ({
  detector: 'rage-click',
  ts,
  segmentId: 'seg',
  url: 'https://a.test/',
  severity: 2,
  dedupeKey,
  evidence: { clicks: 5 },
  target: null,
});

describe('addAutoAnnotations', () => {
  let db: StudyGroupDb;
  let ids: number;
  const deps = { newId: () => `a${ids++}` };
  beforeEach(() => {
    db = createDb(`test-${Math.random()}`);
    ids = 0;
  });

  it('stores one auto annotation per dedupe key and session', async () => {
    await addAutoAnnotations(
      db,
      [detection('k1'), detection('k1', 2), detection('k2')],
      {
        sessionId: 's1',
        tabId: 4,
      },
      deps,
    );
    await addAutoAnnotations(db, [detection('k2', 3)], { sessionId: 's1', tabId: 4 }, deps);
    await addAutoAnnotations(db, [detection('k1')], { sessionId: 's2', tabId: 4 }, deps);
    const stored = await db.annotations.orderBy('id').toArray();
    expect(stored.map((a) => [a.sessionId, a.dedupeKey, a.ts])).toEqual([
      ['s1', 'k1', 1],
      ['s1', 'k2', 1],
      ['s2', 'k1', 1],
    ]);
    expect(stored[0]).toMatchObject({
      id: 'a0',
      kind: 'auto',
      tabId: 4,
      tagId: null,
      detector: 'rage-click',
      severity: 2,
      note: '',
      target: null,
      evidence: { clicks: 5 },
    });
  });

  it("stores a click detection's target as the annotation's", async () => {
    const target = {
      selector: '[id="pay"]',
      rect: { x: 10, y: 20, width: 0, height: 0 },
      text: 'Pay',
      identity: {
        id: 'pay',
        testId: null,
        role: 'button',
        name: 'Pay',
        label: null,
        text: 'Pay',
        path: 'form > button',
      },
    };
    await addAutoAnnotations(
      db,
      [{ ...detection('k1'), target }],
      { sessionId: 's1', tabId: 4 },
      deps,
    );
    const [stored] = await db.annotations.toArray();
    expect(stored?.target).toEqual(target);
  });

  it('keeps page-given keys within what bundles carry', async () => {
    const long = 'x'.repeat(DEDUPE_KEY_CHARS + 50);
    await addAutoAnnotations(
      db,
      [detection(long), detection(long)],
      { sessionId: 's1', tabId: 4 },
      deps,
    );
    const stored = await db.annotations.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.dedupeKey).toHaveLength(DEDUPE_KEY_CHARS);
  });
});
