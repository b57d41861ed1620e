import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportBundle, importBundle } from '@/lib/export';
import { createDb, gzipJson, sha256Hex, type StudyGroupDb } from '@/lib/storage';
import type { AnnotationRecord, PinnedElement, SessionRecord } from '@/lib/contracts';

const ORIGIN = 'https://app.example';
const T0 = 1_700_000_000_000;
const deps = { compress: gzipJson, hash: sha256Hex };

const IDENTITY = {
  id: 'pay',
  testId: 'pay-now',
  role: 'button',
  name: 'Pay now',
  label: null,
  text: 'Pay now',
  path: 'main > form > button',
};
const target = (extra: Partial<PinnedElement> = {}): PinnedElement => ({
  selector: '#pay',
  rect: { x: 1, y: 2, width: 3, height: 4 },
  text: 'Pay now',
  ...extra,
});

/** One ended session with one annotation pinned to `pinned`, exported as a bundle. */
async function bundleWith(pinned: PinnedElement) {
  const db = createDb(`src-${Math.random()}`);
  const session: SessionRecord = {
    id: 's1',
    title: 'T',
    participant: 'P',
    origins: [ORIGIN],
    tabIds: [1],
    status: 'ended',
    startedAt: T0,
    endedAt: T0 + 1_000,
    activeMs: 1_000,
    runStartedAt: null,
    endReason: { type: 'user' },
    stats: { bytes: 0, events: 0, pages: 0 },
    study: null,
    tasks: [],
    goalReached: null,
  };
  await db.sessions.add(session);
  const annotation: AnnotationRecord = {
    id: 'a1',
    sessionId: 's1',
    kind: 'auto',
    ts: T0 + 10,
    url: `${ORIGIN}/`,
    tabId: 1,
    segmentId: null,
    tagId: null,
    detector: 'dead-click',
    severity: 2,
    note: '',
    target: pinned,
    evidence: { nodeId: 5 },
    dedupeKey: 'dead-click:x',
  };
  await db.annotations.add(annotation);
  const blob = await exportBundle(db, ['s1'], { exportedAt: 'now', generator: 'test' });
  return JSON.parse(
    new TextDecoder().decode(
      new Uint8Array(
        await new Response(
          blob.stream().pipeThrough(new DecompressionStream('gzip')),
        ).arrayBuffer(),
      ),
    ),
  ) as { sessions: { annotations: { target: unknown }[] }[] };
}

const asFile = (value: unknown) => new Blob([gzipSync(JSON.stringify(value))]);

describe('bundles and element identity', () => {
  let dst: StudyGroupDb;
  beforeEach(() => {
    dst = createDb(`dst-${Math.random()}`);
  });

  it("round-trips an annotation target's identity", async () => {
    const bundle = await bundleWith(target({ identity: IDENTITY }));
    expect(await importBundle(dst, asFile(bundle), deps)).toMatchObject({ type: 'ok' });
    expect((await dst.annotations.get('a1'))?.target).toEqual(target({ identity: IDENTITY }));
  });

  it('still imports targets written before identity existed', async () => {
    const bundle = await bundleWith(target());
    expect(bundle.sessions[0]!.annotations[0]!.target).not.toHaveProperty('identity');
    expect(await importBundle(dst, asFile(bundle), deps)).toMatchObject({ type: 'ok' });
    expect((await dst.annotations.get('a1'))?.target).toEqual(target());
  });

  it('refuses an identity with overlong or missing fields', async () => {
    for (const identity of [
      { ...IDENTITY, name: 'x'.repeat(5_000) },
      { ...IDENTITY, path: undefined },
      { ...IDENTITY, role: 7 },
    ]) {
      const bundle = await bundleWith(target());
      bundle.sessions[0]!.annotations[0]!.target = { ...target(), identity };
      expect(await importBundle(dst, asFile(bundle), deps)).toMatchObject({ type: 'error' });
      expect(await dst.annotations.count()).toBe(0);
    }
  });
});
