import { afterEach, describe, expect, it } from 'vitest';
import type { StudyGroupDb } from '@/lib/storage';
import { redmineTarget, REDMINE_KEY } from './targets';
import { createWorld, error, STUDY } from './world';

type World = Awaited<ReturnType<typeof createWorld>>;
let world: World | null = null;
afterEach(() => world?.db.close());

/** Every stored job and receipt as bytes: strings as UTF-8, binary fields as they are. */
async function storedBytes(db: StudyGroupDb): Promise<Uint8Array[]> {
  const rows = [...(await db.exportJobs.toArray()), ...(await db.exportReceipts.toArray())];
  const out: Uint8Array[] = [];
  const walk = (value: unknown): void => {
    if (value instanceof Uint8Array) out.push(value);
    else if (typeof value === 'string') out.push(new TextEncoder().encode(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(rows);
  out.push(new TextEncoder().encode(JSON.stringify(rows)));
  return out;
}

function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function expectNoSecret(chunks: Uint8Array[], logs: string[], secret: string) {
  const needle = new TextEncoder().encode(secret);
  for (const chunk of chunks) expect(containsBytes(chunk, needle)).toBe(false);
  for (const line of logs)
    expect(containsBytes(new TextEncoder().encode(line), needle)).toBe(false);
}

describe('no token in jobs, receipts or logs', () => {
  it('redacts a client that echoes the token in every error and answer', async () => {
    const w = (world = await createWorld());
    w.fake.force('find', error(503, `503 for key ${REDMINE_KEY}`));
    w.fake.force('create', error(500, `create failed: X-Redmine-API-Key=${REDMINE_KEY}`));
    w.fake.force('attach', error(429, `slow down ${REDMINE_KEY}`, 1));
    const create = w.fake.client.createIssue;
    w.fake.client.createIssue = async (draft, key) => {
      const result = await create(draft, key);
      return result.type === 'ok'
        ? { type: 'ok', value: { ...result.value, url: `${result.value.url}?key=${REDMINE_KEY}` } }
        : result;
    };
    await w.service.enqueue({
      targetId: redmineTarget.id,
      scope: { type: 'findings', studyKey: STUDY, findingIds: [w.ids.pay, w.ids.settings] },
      existing: 'skip',
    });
    for (let round = 0; round < 10; round++) {
      await w.service.idle();
      w.advance(15 * 60_000);
      await w.service.resume();
    }
    expect((await w.jobs()).map((j) => j.status.type)).toEqual(['done', 'done']);
    // Later failures end an item: the 401's message is stored and logged too.
    w.fake.force('comment', error(401, `bad key ${REDMINE_KEY}`));
    await w.db.screenshots.put({
      annotationId: 'a3-set',
      sessionId: 's1',
      source: 'capture',
      mime: 'image/png',
      data: new Uint8Array([7]),
    });
    await w.service.enqueue({
      targetId: redmineTarget.id,
      scope: { type: 'findings', studyKey: STUDY, findingIds: [w.ids.settings] },
      existing: 'comment',
    });
    await w.service.idle();
    const failed = (await w.jobs()).find((j) => j.status.type === 'failed');
    expect(failed?.status.type === 'failed' && failed.status.message).toBe('bad key [redacted]');
    expect(w.logs.length).toBeGreaterThan(3);
    expectNoSecret(await storedBytes(w.db), w.logs, REDMINE_KEY);
  });

  it('sends the Redmine key in its header only, and stores or logs it nowhere', async () => {
    const w = (world = await createWorld({ tracker: 'redmine' }));
    w.redmine.fail(
      (method, path) => method === 'POST' && path === '/issues.json',
      () =>
        new Response(JSON.stringify({ errors: [`Subject is invalid for ${REDMINE_KEY}`] }), {
          status: 422,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    w.redmine.fail(
      (method) => method === 'PUT',
      () => new Response('', { status: 502 }),
    );
    await w.service.enqueue({
      targetId: redmineTarget.id,
      scope: { type: 'findings', studyKey: STUDY, findingIds: [w.ids.pay, w.ids.settings] },
      existing: 'skip',
    });
    for (let round = 0; round < 5; round++) {
      await w.service.idle();
      w.advance(15 * 60_000);
      await w.service.resume();
    }
    const statuses = (await w.jobs()).map((j) => j.status.type).sort();
    expect(statuses).toEqual(['done', 'failed']);
    const needle = new TextEncoder().encode(REDMINE_KEY);
    for (const request of w.redmine.seen) {
      expect(request.url.startsWith(redmineTarget.baseUrl)).toBe(true);
      expect(request.url).not.toContain(REDMINE_KEY);
      expect(containsBytes(request.body, needle)).toBe(false);
    }
    expectNoSecret(await storedBytes(w.db), w.logs, REDMINE_KEY);
  });
});
