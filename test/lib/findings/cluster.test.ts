import { describe, expect, it } from 'vitest';
import { CLUSTER_RULES_VERSION, clusterFindings, type ClusterInput } from '@/lib/findings';
import type {
  AnnotationRecord,
  Finding,
  FindingOverride,
  FindingOverrideRecord,
} from '@/lib/contracts';
import { annotation, auto, identity, ORIGIN, pinned, TAGS } from './records';

const save = pinned({ identity: identity({ role: 'button', name: 'Save' }) });
const who: Record<string, string> = { s1: 'ana', s2: 'ben', s3: 'cy', s4: 'dee' };

const input = (a: AnnotationRecord): ClusterInput => ({
  annotation: a,
  participant: who[a.sessionId] ?? '',
  sessionId: a.sessionId,
  tags: TAGS,
});

const error = (message: string) => ({ errors: 1, messages: [message] });

const study = [
  annotation('a1', {
    sessionId: 's1',
    ts: 100,
    tagId: 'confused',
    target: save,
    url: `${ORIGIN}/payouts/1`,
  }),
  annotation('a2', {
    sessionId: 's2',
    ts: 50,
    tagId: 'stuck',
    severity: 3,
    target: save,
    url: `${ORIGIN}/payouts/2`,
  }),
  auto('a3', 'dead-click', { sessionId: 's3', ts: 70, target: save, url: `${ORIGIN}/payouts/3` }),
  auto('a4', 'js-error', {
    sessionId: 's1',
    ts: 10,
    url: `${ORIGIN}/payouts/1`,
    evidence: error('Payout 1 failed'),
  }),
  auto('a5', 'js-error', {
    sessionId: 's2',
    ts: 20,
    severity: 3,
    url: `${ORIGIN}/payouts/2`,
    evidence: error('Payout 2 failed'),
  }),
  auto('a6', 'dead-click', { sessionId: 's3', ts: 80, dismissed: true, url: `${ORIGIN}/settings` }),
  annotation('a7', { sessionId: 's3', ts: 90, url: `${ORIGIN}/settings?tab=bank` }),
];

function cluster(
  annotations: AnnotationRecord[],
  overrides: FindingOverrideRecord[] = [],
  participants = 4,
) {
  return clusterFindings({ items: annotations.map(input), overrides, participants });
}

const byTitle = (findings: Finding[], start: string) => {
  const found = findings.find((f) => f.title.startsWith(start));
  if (!found) throw new Error(`no finding titled ${start}…`);
  return found;
};

let createdAt = 0;
function record(
  override: FindingOverride,
  fields: Partial<FindingOverrideRecord> = {},
): FindingOverrideRecord {
  createdAt += 1;
  return {
    id: `o${createdAt}`,
    studyKey: 'kit-1#1',
    rulesVersion: CLUSTER_RULES_VERSION,
    createdAt,
    override,
    ...fields,
  };
}

describe('clusterFindings', () => {
  it('clusters a study’s annotations into findings, most pressing first', () => {
    const { findings, staleOverrides } = cluster(study);
    expect(staleOverrides).toEqual([]);
    expect(
      findings.map(({ title, reach, worstSeverity, priority }) => ({
        title,
        reach,
        worstSeverity,
        priority,
      })),
    ).toEqual([
      // 2 of 4 participants at severity 3: 100 × 0.5 × 3/3; the tie with the JS error goes by title.
      {
        title: 'Confused / Stuck on “Save” · /payouts/:n',
        reach: 2,
        worstSeverity: 3,
        priority: 50,
      },
      {
        title: 'JS error “Payout :n failed” · /payouts/:n',
        reach: 2,
        worstSeverity: 3,
        priority: 50,
      },
      // 1 of 4 at severity 2: 100 × 0.25 × 2/3 = 16.7.
      { title: 'Dead click on “Save” · /payouts/:n', reach: 1, worstSeverity: 2, priority: 17 },
      { title: 'Confused · /settings', reach: 1, worstSeverity: 1, priority: 8 },
    ]);
    const [tags, errors] = findings;
    expect(tags).toMatchObject({
      kind: { type: 'tag', tagId: 'confused' },
      status: 'new',
      annotationIds: ['a2', 'a1'],
      sessionIds: ['s1', 's2'],
      tagIds: ['confused', 'stuck'],
      pages: ['/payouts/:n'],
    });
    expect(errors).toMatchObject({
      kind: { type: 'detector', detector: 'js-error' },
      annotationIds: ['a4', 'a5'],
      tagIds: [],
    });
    expect(new Set(findings.map((f) => f.id)).size).toBe(4);
    for (const f of findings) expect(f.id).toMatch(/^f-[0-9a-f]{16}$/);
  });

  it('leaves dismissed annotations out', () => {
    const { findings } = cluster(study);
    expect(findings.flatMap((f) => f.annotationIds)).not.toContain('a6');
    const allDismissed = study.map((a) => ({ ...a, dismissed: true }));
    expect(cluster(allDismissed).findings).toEqual([]);
  });

  it('counts an annotation given twice once', () => {
    const twice = [...study, ...study];
    expect(cluster(twice)).toEqual(cluster(study));
  });

  it('has nothing to cluster without annotations', () => {
    expect(cluster([], [], 0)).toEqual({ findings: [], staleOverrides: [] });
  });

  it('counts reach by participant, not by session or annotation', () => {
    const again = [
      annotation('x1', { sessionId: 's1', target: save }),
      annotation('x2', { sessionId: 's1', target: save, ts: 2_000 }),
      annotation('x3', { sessionId: 's5', target: save }),
    ];
    const items = again.map((a) => ({
      ...input(a),
      participant: a.sessionId === 's5' ? ' ana ' : 'ana',
    }));
    const [finding] = clusterFindings({ items, overrides: [], participants: 2 }).findings;
    expect(finding?.reach).toBe(1);
    expect(finding?.sessionIds).toEqual(['s1', 's5']);
    // A session without an alias counts for itself.
    const anonymous = again.map((a) => ({ ...input(a), participant: '' }));
    expect(
      clusterFindings({ items: anonymous, overrides: [], participants: 2 }).findings[0]?.reach,
    ).toBe(2);
  });

  it('keeps finding ids when more sessions are imported', () => {
    const before = cluster(study.slice(0, 4)).findings;
    const after = cluster([
      ...study,
      annotation('a8', {
        sessionId: 's4',
        ts: 1,
        tagId: 'broken',
        target: save,
        url: `${ORIGIN}/payouts/8`,
      }),
    ]).findings;
    for (const finding of before) {
      const same = after.find((f) => f.fingerprint === finding.fingerprint);
      expect(same?.id).toBe(finding.id);
    }
    expect(byTitle(after, 'Broken / Confused / Stuck').annotationIds).toEqual(['a8', 'a2', 'a1']);
  });

  it('lets an element known only by its position join the named element its box covers', () => {
    const named = annotation('b1', {
      target: pinned({ identity: identity({ role: 'button', name: 'Pay' }) }),
    });
    const legacy = (
      id: string,
      rect: { x: number; y: number },
      fields: Partial<AnnotationRecord> = {},
    ) =>
      annotation(id, {
        sessionId: 's2',
        tagId: 'stuck',
        target: pinned({
          selector: 'div:nth-of-type(2) > button',
          rect: { ...rect, width: 100, height: 40 },
        }),
        ...fields,
      });
    const { findings } = cluster([
      named,
      legacy('b2', { x: 30, y: 20 }),
      legacy('b3', { x: 500, y: 500 }),
      legacy('b4', { x: 10, y: 10 }, { url: `${ORIGIN}/other` }),
    ]);
    expect(findings.map((f) => f.annotationIds)).toEqual([['b1', 'b2'], ['b3'], ['b4']]);
    expect(findings[1]?.fingerprint).toBe('tags|/|path:div > button|');
  });

  describe('overrides', () => {
    it('rename, set the status, merge and split, in createdAt order', () => {
      const first = cluster(study).findings;
      const tags = byTitle(first, 'Confused / Stuck');
      const errors = byTitle(first, 'JS error');
      const dead = byTitle(first, 'Dead click');
      const overrides = [
        record({ type: 'rename', findingId: dead.id, title: 'Save looks dead' }),
        record({ type: 'status', findingId: tags.id, status: 'accepted' }),
        record({ type: 'merge', findingId: tags.id, otherId: dead.id }),
        record({
          type: 'split',
          findingId: errors.id,
          annotationIds: ['a5'],
          newFindingId: 'f-split',
        }),
        record({ type: 'rename', findingId: errors.id, title: 'Payouts crash' }),
      ];
      const { findings, staleOverrides } = cluster(study, [...overrides].reverse());
      expect(staleOverrides).toEqual([]);
      expect(
        findings.map(({ id, title, status, annotationIds, reach, priority }) => ({
          id,
          title,
          status,
          annotationIds,
          reach,
          priority,
        })),
      ).toEqual([
        // Three of four participants now: 100 × 0.75 × 3/3.
        {
          id: tags.id,
          title: tags.title,
          status: 'accepted',
          annotationIds: ['a2', 'a3', 'a1'],
          reach: 3,
          priority: 75,
        },
        {
          id: 'f-split',
          title: 'JS error “Payout :n failed” · /payouts/:n',
          status: 'new',
          annotationIds: ['a5'],
          reach: 1,
          priority: 25,
        },
        // 1 of 4 at severity 2.
        {
          id: errors.id,
          title: 'Payouts crash',
          status: 'new',
          annotationIds: ['a4'],
          reach: 1,
          priority: 17,
        },
        {
          id: byTitle(first, 'Confused ·').id,
          title: 'Confused · /settings',
          status: 'new',
          annotationIds: ['a7'],
          reach: 1,
          priority: 8,
        },
      ]);
      expect(findings[1]?.fingerprint).toBe(`${errors.fingerprint}~f-split`);
    });

    it('apply later decisions over earlier ones whatever order they come in', () => {
      const [top] = cluster(study).findings;
      const id = top?.id ?? '';
      const later = record({ type: 'rename', findingId: id, title: 'Later' }, { createdAt: 20 });
      const earlier = record(
        { type: 'rename', findingId: id, title: 'Earlier' },
        { createdAt: 10 },
      );
      const titleOf = (overrides: FindingOverrideRecord[]) =>
        cluster(study, overrides).findings.find((f) => f.id === id)?.title;
      expect(titleOf([later, earlier])).toBe('Later');
      expect(titleOf([earlier, later])).toBe('Later');
    });

    it('survive re-clustering with more sessions', () => {
      const first = cluster(study).findings;
      const tags = byTitle(first, 'Confused / Stuck');
      const errors = byTitle(first, 'JS error');
      const overrides = [
        record({ type: 'status', findingId: tags.id, status: 'wont-fix' }),
        record({
          type: 'split',
          findingId: errors.id,
          annotationIds: ['a5'],
          newFindingId: 'f-split',
        }),
      ];
      const more = [
        ...study,
        annotation('a9', { sessionId: 's4', ts: 5, target: save, url: `${ORIGIN}/payouts/9` }),
        auto('a10', 'js-error', {
          sessionId: 's4',
          ts: 6,
          url: `${ORIGIN}/payouts/9`,
          evidence: error('Payout 9 failed'),
        }),
      ];
      const { findings, staleOverrides } = cluster(more, overrides);
      expect(staleOverrides).toEqual([]);
      expect(findings.find((f) => f.id === tags.id)).toMatchObject({
        status: 'wont-fix',
        annotationIds: ['a9', 'a2', 'a1'],
      });
      // The new error joins the finding clustering puts it in; the split keeps what it moved.
      expect(findings.find((f) => f.id === errors.id)?.annotationIds).toEqual(['a10', 'a4']);
      expect(findings.find((f) => f.id === 'f-split')?.annotationIds).toEqual(['a5']);
    });

    it('whose finding is gone are returned as stale, not applied', () => {
      const first = cluster(study).findings;
      const tags = byTitle(first, 'Confused / Stuck');
      const dead = byTitle(first, 'Dead click');
      const errors = byTitle(first, 'JS error');
      const gone = record({ type: 'rename', findingId: 'f-0000000000000000', title: 'Gone' });
      const oldRules = record(
        { type: 'status', findingId: 'f-1111111111111111', status: 'accepted' },
        { rulesVersion: CLUSTER_RULES_VERSION - 1 },
      );
      const oldButFound = record(
        { type: 'rename', findingId: dead.id, title: 'Still here' },
        { rulesVersion: CLUSTER_RULES_VERSION - 1 },
      );
      const merge = record({ type: 'merge', findingId: tags.id, otherId: dead.id });
      const afterMerge = record({ type: 'status', findingId: dead.id, status: 'accepted' });
      const mergeMissing = record({
        type: 'merge',
        findingId: tags.id,
        otherId: 'f-2222222222222222',
      });
      const splitNothing = record({
        type: 'split',
        findingId: errors.id,
        annotationIds: ['a1'],
        newFindingId: 'f-x',
      });
      const splitTaken = record({
        type: 'split',
        findingId: errors.id,
        annotationIds: ['a4'],
        newFindingId: tags.id,
      });
      const all = [
        gone,
        oldRules,
        oldButFound,
        merge,
        afterMerge,
        mergeMissing,
        splitNothing,
        splitTaken,
      ];
      const { findings, staleOverrides } = cluster(study, all);
      expect(staleOverrides).toEqual([
        gone,
        oldRules,
        afterMerge,
        mergeMissing,
        splitNothing,
        splitTaken,
      ]);
      expect(findings.find((f) => f.id === tags.id)?.annotationIds).toEqual(['a2', 'a3', 'a1']);
      expect(findings.find((f) => f.id === errors.id)?.annotationIds).toEqual(['a4', 'a5']);
      expect(findings.map((f) => f.title)).not.toContain('Still here');
      expect(findings).toHaveLength(3);
    });

    it('apply under an older rules version when the finding is still there', () => {
      const dead = byTitle(cluster(study).findings, 'Dead click');
      const old = record(
        { type: 'rename', findingId: dead.id, title: 'Renamed long ago' },
        { rulesVersion: 0 },
      );
      const { findings, staleOverrides } = cluster(study, [old]);
      expect(staleOverrides).toEqual([]);
      expect(findings.map((f) => f.title)).toContain('Renamed long ago');
    });

    it('can split everything out of a finding, which then is gone', () => {
      const dead = byTitle(cluster(study).findings, 'Dead click');
      const split = record({
        type: 'split',
        findingId: dead.id,
        annotationIds: ['a3'],
        newFindingId: 'f-own',
      });
      const rename = record({ type: 'rename', findingId: dead.id, title: 'x' });
      const { findings, staleOverrides } = cluster(study, [split, rename]);
      expect(staleOverrides).toEqual([rename]);
      expect(findings.map((f) => f.id)).toContain('f-own');
      expect(findings.map((f) => f.id)).not.toContain(dead.id);
    });
  });
});
