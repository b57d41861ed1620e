import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportBundle, importBundle } from '@/lib/export';
import { createKit } from '@/lib/studies';
import { createDb, gunzip, gzipJson, sha256Hex, type StudyGroupDb } from '@/lib/storage';
import { batch, createHarness, ORIGIN, T0, type Harness } from '../sessions/service-harness';

const deps = { compress: gzipJson, hash: sha256Hex };
const asFile = (value: unknown) => new Blob([gzipSync(JSON.stringify(value))]);

interface BundleJson {
  sessions: { study: Record<string, unknown>; tasks: Record<string, unknown>[] }[];
}

let h: Harness;
let sessionId: string;
let target: StudyGroupDb;

async function exported(): Promise<BundleJson> {
  const blob = await exportBundle(h.db, [sessionId], { exportedAt: 'now', generator: 'test' });
  const bytes = await gunzip(new Uint8Array(await blob.arrayBuffer()));
  return JSON.parse(new TextDecoder().decode(bytes));
}

beforeEach(async () => {
  h = createHarness();
  target = createDb(`target-${Math.random()}`);
  let n = 0;
  sessionId = await h.start({
    ...createKit(T0, () => `kit-${++n}`),
    id: 'kit-1',
    origins: [ORIGIN],
    round: 2,
    tasks: [
      { id: 't1', title: 'Find the payout', doneWhen: '' },
      { id: 't2', title: 'Export payouts', doneWhen: '' },
      { id: 't3', title: 'Close the account', doneWhen: '' },
    ],
  });
  await h.service.ingestBatch(batch(sessionId), { tabId: 7, url: `${ORIGIN}/` });
  h.clock.now = T0 + 10_000;
  await h.service.recordTask({ sessionId, taskId: 't1', outcome: 'done' });
  await h.service.recordEase({ sessionId, taskId: 't1', ease: 5 });
  await h.service.recordTask({ sessionId, taskId: 't2', outcome: 'gave-up' });
  await h.service.recordEase({ sessionId, taskId: 't2', ease: null });
  await h.service.stop(sessionId);
});

describe('bundles and task ease', () => {
  it('carry each task’s ease and the kit’s round, and import them again', async () => {
    const json = await exported();
    expect(json.sessions[0]!.study.round).toBe(2);
    expect(json.sessions[0]!.tasks.map((t) => t.ease)).toEqual([5, null, undefined]);

    expect((await importBundle(target, asFile(json), deps)).type).toBe('ok');
    const session = await target.sessions.get(sessionId);
    expect(session?.study?.round).toBe(2);
    expect(session?.tasks).toEqual((await h.db.sessions.get(sessionId))?.tasks);
    expect(session?.tasks.map((t) => t.ease)).toEqual([5, null, undefined]);
  });

  it('still import bundles written before ease and rounds existed', async () => {
    const json = await exported();
    const { round: _round, ...oldKit } = json.sessions[0]!.study;
    const oldTasks = json.sessions[0]!.tasks.map(({ ease: _ease, ...t }) => t);
    const old = { ...json, sessions: [{ ...json.sessions[0]!, study: oldKit, tasks: oldTasks }] };

    const result = await importBundle(target, asFile(old), deps);
    expect(result, JSON.stringify(result)).toMatchObject({ type: 'ok' });
    const session = await target.sessions.get(sessionId);
    expect(session?.study).not.toHaveProperty('round');
    expect(session?.tasks.map((t) => [t.taskId, t.outcome])).toEqual([
      ['t1', 'done'],
      ['t2', 'gave-up'],
      ['t3', null],
    ]);
    expect(session?.tasks.some((t) => 'ease' in t)).toBe(false);
  });

  it('refuse a bundle whose ease is off the scale, writing nothing', async () => {
    const json = await exported();
    for (const ease of [0, 8, 4.5, '5']) {
      const tasks = json.sessions[0]!.tasks.map((t, i) => (i === 0 ? { ...t, ease } : t));
      const bad = { ...json, sessions: [{ ...json.sessions[0]!, tasks }] };
      const result = await importBundle(target, asFile(bad), deps);
      expect(result.type, JSON.stringify(ease)).toBe('error');
      expect(result.type === 'error' && result.message).toMatch(/tasks\[0\]\.ease/);
    }
    expect(await target.sessions.count()).toBe(0);
  });
});
