import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLUSTER_RULES_VERSION, clusterFindings, type ClusterInput } from '@/lib/findings';
import type { AnnotationRecord, FindingOverride, FindingOverrideRecord } from '@/lib/contracts';
import { annotation, identity, ORIGIN, pinned, TAGS } from './records';

// A small world, so that annotations often share pages, elements and messages.
const url = fc.constantFrom(
  `${ORIGIN}/payouts/1`,
  `${ORIGIN}/payouts/2?x=1`,
  `${ORIGIN}/settings`,
  `${ORIGIN}/`,
);
const target = fc.constantFrom(
  null,
  pinned({ identity: identity({ role: 'button', name: 'Save' }) }),
  pinned({ identity: identity({ id: 'iban' }) }),
  pinned({
    selector: 'div:nth-of-type(2) > button',
    rect: { x: 20, y: 20, width: 100, height: 40 },
  }),
  pinned({
    selector: 'div:nth-of-type(3) > a',
    text: 'Help',
    rect: { x: 400, y: 0, width: 50, height: 20 },
  }),
);
const detected = fc.record({
  detector: fc.constantFrom(
    'dead-click',
    'js-error',
    'failed-request',
    'slow-page',
  ) as fc.Arbitrary<AnnotationRecord['detector']>,
  evidence: fc.constantFrom(
    { messages: ['Payout 3 failed'] },
    { messages: ['x is not a function'] },
    { url: `${ORIGIN}/api/payouts/9`, status: 500 },
  ),
});

const item = fc.record({
  sessionId: fc.constantFrom('s1', 's2', 's3', 's4'),
  ts: fc.integer({ min: 0, max: 50 }),
  url,
  target,
  severity: fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
  tagId: fc.constantFrom('confused', 'stuck', 'broken'),
  auto: fc.option(detected),
  dismissed: fc.boolean(),
});

const items = fc.array(item, { maxLength: 30 }).map((list) =>
  list.map(({ auto, ...fields }, i): ClusterInput => {
    const a = annotation(`a${i}`, {
      ...fields,
      ...(auto ? { kind: 'auto', tagId: null, ...auto } : {}),
    });
    return {
      annotation: a,
      participant: `p-${a.sessionId.slice(0, 2)}`,
      sessionId: a.sessionId,
      tags: TAGS,
    };
  }),
);

/** Overrides that name findings of the first clustering (and some that name none). */
function overridesFor(list: ClusterInput[]) {
  const ids = clusterFindings({ items: list, overrides: [], participants: 4 }).findings.map(
    (f) => f.id,
  );
  const findingId = fc.constantFrom(...ids, 'f-gone');
  const override: fc.Arbitrary<FindingOverride> = fc.oneof(
    fc.record({
      type: fc.constant('rename' as const),
      findingId,
      title: fc.constantFrom('A', 'B'),
    }),
    fc.record({
      type: fc.constant('status' as const),
      findingId,
      status: fc.constantFrom('new', 'accepted', 'wont-fix') as fc.Arbitrary<
        'new' | 'accepted' | 'wont-fix'
      >,
    }),
    fc.record({ type: fc.constant('merge' as const), findingId, otherId: findingId }),
    fc.record({
      type: fc.constant('split' as const),
      findingId,
      annotationIds: fc.subarray(list.map((i) => i.annotation.id)),
      newFindingId: fc.constantFrom('f-split-1', 'f-split-2'),
    }),
  );
  return fc.array(
    fc.record({
      id: fc.uuid(),
      studyKey: fc.constant('kit-1#1'),
      rulesVersion: fc.constantFrom(CLUSTER_RULES_VERSION, CLUSTER_RULES_VERSION - 1),
      createdAt: fc.integer({ min: 0, max: 5 }),
      override,
    }),
    { maxLength: 8 },
  );
}

const world = items.chain((list) =>
  overridesFor(list).chain((overrides: FindingOverrideRecord[]) =>
    fc.record({
      list: fc.constant(list),
      overrides: fc.constant(overrides),
      shuffledList: fc.shuffledSubarray(list, { minLength: list.length }),
      shuffledOverrides: fc.shuffledSubarray(overrides, { minLength: overrides.length }),
    }),
  ),
);

describe('clusterFindings, whatever the input', () => {
  it('gives the same findings for the same input in any order', () => {
    fc.assert(
      fc.property(world, ({ list, overrides, shuffledList, shuffledOverrides }) => {
        const one = clusterFindings({ items: list, overrides, participants: 4 });
        const other = clusterFindings({
          items: shuffledList,
          overrides: shuffledOverrides,
          participants: 4,
        });
        expect(other).toEqual(one);
      }),
    );
  });

  it('puts every kept annotation in exactly one finding, merges and splits included', () => {
    fc.assert(
      fc.property(world, ({ list, overrides }) => {
        const { findings } = clusterFindings({ items: list, overrides, participants: 4 });
        const clustered = findings.flatMap((f) => f.annotationIds).sort();
        const kept = list
          .filter((i) => !i.annotation.dismissed)
          .map((i) => i.annotation.id)
          .sort();
        expect(clustered).toEqual(kept);
        expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
        for (const f of findings) {
          expect(f.reach).toBeGreaterThanOrEqual(1);
          expect(f.reach).toBeLessThanOrEqual(4);
          expect(f.priority).toBeGreaterThanOrEqual(0);
          expect(f.priority).toBeLessThanOrEqual(100);
        }
        const priorities = findings.map((f) => f.priority);
        expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
      }),
    );
  });

  it('keeps every finding’s id when more annotations come in', () => {
    fc.assert(
      fc.property(items, fc.nat(), (list, cut) => {
        const some = list.slice(0, list.length === 0 ? 0 : cut % list.length);
        const before = clusterFindings({ items: some, overrides: [], participants: 4 }).findings;
        const after = clusterFindings({ items: list, overrides: [], participants: 4 }).findings;
        const idOf = new Map(after.map((f) => [f.fingerprint, f.id]));
        for (const f of before) {
          if (idOf.has(f.fingerprint)) expect(idOf.get(f.fingerprint)).toBe(f.id);
        }
      }),
    );
  });
});
