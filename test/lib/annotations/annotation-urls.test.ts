import { describe, expect, it } from 'vitest';
import { createAnnotationService } from '@/lib/annotations/annotation-service';
import { createDb, type StudyGroupDb } from '@/lib/storage';
import type { SessionRecord } from '@/lib/contracts';

const ORIGIN = 'http://127.0.0.1:4173';
const TOKENED = `${ORIGIN}/reset?reset_token=abc123#access_token=xyz`;

async function sessionIn(db: StudyGroupDb, keepFullUrls?: boolean): Promise<void> {
  const session: SessionRecord = {
    id: 's1',
    title: 'T',
    participant: 'P',
    origins: [ORIGIN],
    tabIds: [7],
    status: 'recording',
    startedAt: 1_000,
    endedAt: null,
    activeMs: 0,
    runStartedAt: 1_000,
    endReason: null,
    stats: { bytes: 0, events: 0, pages: 0 },
    study: null,
    tasks: [],
    goalReached: null,
    ...(keepFullUrls === undefined ? {} : { keepFullUrls }),
  };
  await db.sessions.add(session);
}

async function tagAt(url: string, keepFullUrls?: boolean) {
  const db = createDb(`annotations-${Math.random()}`);
  await sessionIn(db, keepFullUrls);
  const service = createAnnotationService({
    db,
    capture: async () => null,
    paintCover: async (jpeg) => jpeg,
    hotkey: async () => '',
    now: () => 5_000,
    newId: () => 'a1',
  });
  const result = await service.add(
    {
      sessionId: 's1',
      segmentId: 'seg-a',
      ts: 2_000,
      url,
      tagId: 'confused',
      severity: 2,
      note: '',
      target: null,
      cover: { devicePixelRatio: 1, boxes: [] },
    },
    { tabId: 7, windowId: undefined },
  );
  return { result, stored: await db.annotations.get('a1') };
}

describe('the URL of a tag', () => {
  it('is stored without query values or fragment', async () => {
    const { result, stored } = await tagAt(TOKENED);
    expect(result).toMatchObject({ type: 'ok' });
    expect(stored?.url).toBe(`${ORIGIN}/reset?reset_token=`);
  });

  it('is stored whole in a session that keeps full URLs', async () => {
    expect((await tagAt(TOKENED, true)).stored?.url).toBe(TOKENED);
  });

  it('must be an http(s) URL, as bundles require', async () => {
    const { result, stored } = await tagAt('javascript:alert(1)');
    expect(result).toEqual({ type: 'error', message: 'The annotation was malformed.' });
    expect(stored).toBeUndefined();
  });
});
