import { afterEach, describe, expect, it } from 'vitest';
import type { ExportReceiptRecord, TrackerTarget } from '@/lib/contracts';
import { createChunk, gzipJson } from '@/lib/storage';
import {
  buildCommentDraft,
  buildIssueDraft,
  exportKey,
  loadSessionFindings,
  loadStudyFindings,
  MAX_SCREENSHOTS,
  screenshotEvidence,
} from '@/lib/tracker-export';
import { everyTarget, redmineTarget } from './targets';
import { createWorld, START, STUDY } from './world';

type World = Awaited<ReturnType<typeof createWorld>>;
let world: World | null = null;
afterEach(() => world?.db.close());

describe('the study’s findings, as the board clusters them', () => {
  it('clusters the study’s sessions and finds a session’s findings', async () => {
    const w = (world = await createWorld());
    const study = await loadStudyFindings(w.db, STUDY);
    expect(study.participants).toBe(2);
    expect(study.sessions.map((s) => s.id)).toEqual(['s2', 's1']);
    const pay = study.findings.find((f) => f.id === w.ids.pay);
    expect(pay).toMatchObject({ reach: 2, sessionIds: ['s1', 's2'] });
    expect((await loadStudyFindings(w.db, 'other#1')).findings).toEqual([]);
    const ben = await loadSessionFindings(w.db, 's2');
    expect(ben?.findings.map((f) => f.id)).toEqual([w.ids.pay]);
    expect(await loadSessionFindings(w.db, 'nope')).toBeNull();
  });

  it('leaves won’t-fix findings out of a session’s, and applies the board’s renames', async () => {
    const w = (world = await createWorld());
    await w.db.findingOverrides.bulkPut([
      {
        id: 'o1',
        studyKey: STUDY,
        rulesVersion: 1,
        createdAt: 1,
        override: { type: 'status', findingId: w.ids.settings, status: 'wont-fix' },
      },
      {
        id: 'o2',
        studyKey: STUDY,
        rulesVersion: 1,
        createdAt: 2,
        override: { type: 'rename', findingId: w.ids.pay, title: 'Pay button is hidden' },
      },
    ]);
    const ana = await loadSessionFindings(w.db, 's1');
    expect(ana?.findings.map((f) => [f.id, f.title])).toEqual([
      [w.ids.pay, 'Pay button is hidden'],
    ]);
  });
});

describe('issue drafts', () => {
  it('builds the issue a stranger can act on: reach, notes, steps, environment, files', async () => {
    const w = (world = await createWorld());
    await w.db.segments.put({
      id: 'seg',
      sessionId: 's1',
      tabId: 1,
      url: 'https://app.example/checkout',
      startedAt: START + 1_000,
      lastTs: START + 70_000,
      lastSeq: 0,
      events: 1,
      bytes: 10,
    });
    const meta = {
      type: 4,
      timestamp: START + 1_000,
      data: { href: 'https://app.example/checkout', width: 1280, height: 720 },
    };
    await w.db.chunks.put(
      await createChunk(
        { segmentId: 'seg', seq: 0, sessionId: 's1', events: [meta], emptyAt: START },
        { compress: gzipJson },
      ),
    );
    await w.exportPay();
    const { draft, key } = await w.job();
    expect(draft.marker).toBe(`sg-finding-${w.ids.pay}`);
    expect(draft.labels).toEqual(['study-group', 'confused', draft.marker]);
    expect(draft.body).toContain('**2 of 2 participants**');
    expect(draft.body).toContain('> Where do I pay\\?');
    expect(draft.body).toContain('Pay button hidden');
    expect(draft.body).toContain('opened `https://app.example/checkout`');
    expect(draft.body).toContain('- **Browser:** Chrome 156');
    expect(draft.body).toContain('- **Viewport:** 1280×720');
    expect(draft.body).toContain('- **Product:** `https://app.example`');
    expect(draft.body).toContain('- **Study:** Payouts, round 1');
    const evidence = draft.body.indexOf('## Evidence');
    expect(evidence).toBeGreaterThan(draft.body.indexOf('## Environment'));
    expect(evidence).toBeLessThan(draft.body.indexOf('Filed by Study Group'));
    for (const file of draft.attachments) expect(draft.body).toContain(`\`${file.fileName}\``);
    expect(draft.attachments.map((a) => a.fileName)).toEqual([
      expect.stringMatching(/-ana-a1-pay\.jpg$/),
      expect.stringMatching(/-ben-a2-pay\.jpg$/),
    ]);
    expect(key).toBe(await exportKey(w.ids.pay, redmineTarget));
  });

  it('takes its files from the evidence source, at most a few screenshots', async () => {
    const w = (world = await createWorld());
    const study = await loadStudyFindings(w.db, STUDY);
    const pay = study.findings.find((f) => f.id === w.ids.pay)!;
    const many = {
      ...study,
      screenshots: Array.from({ length: 15 }, (_, i) => ({
        annotationId: `x${i}`,
        sessionId: 's1',
        source: 'capture' as const,
        mime: 'image/png',
        data: new Uint8Array([i]),
      })),
      annotations: [
        ...study.annotations,
        ...Array.from({ length: 15 }, (_, i) => ({ ...study.annotations[0]!, id: `x${i}` })),
      ],
    };
    const files = await screenshotEvidence(
      { ...pay, annotationIds: many.annotations.map((a) => a.id) },
      {
        study: many,
      },
    );
    expect(files).toHaveLength(MAX_SCREENSHOTS);
    expect(new Set(files.map((f) => f.fileName)).size).toBe(MAX_SCREENSHOTS);
    const draft = buildIssueDraft({
      finding: pay,
      study,
      moment: null,
      browser: null,
      defaultLabels: [],
      attachments: [],
    });
    expect(draft.attachments).toEqual([]);
    expect(draft.body).not.toContain('## Evidence');
    expect(draft.body).toContain('- **Browser:** unknown');
  });

  it('comments only with what is new since the receipt', async () => {
    const w = (world = await createWorld());
    const study = await loadStudyFindings(w.db, STUDY);
    const pay = study.findings.find((f) => f.id === w.ids.pay)!;
    const files = await screenshotEvidence(pay, { study });
    const receipt: ExportReceiptRecord = {
      id: 'r',
      findingId: pay.id,
      studyKey: STUDY,
      targetId: redmineTarget.id,
      targetType: 'redmine',
      targetName: 'Team Redmine',
      issue: { id: '1', url: 'u' },
      attached: files.map((f) => ({ fileName: f.fileName, url: null })),
      comments: 0,
      createdAt: START + 4_000_000,
      updatedAt: START + 4_000_000,
    };
    expect(buildCommentDraft({ finding: pay, study, receipt, attachments: files })).toBeNull();
    const earlier = {
      ...receipt,
      updatedAt: START + 120_000,
      attached: receipt.attached.slice(0, 1),
    };
    const comment = buildCommentDraft({
      finding: pay,
      study,
      receipt: earlier,
      attachments: files,
    });
    expect(comment?.attachments.map((f) => f.fileName)).toEqual([files[1]?.fileName]);
    expect(comment?.body).toContain('Pay button hidden');
    expect(comment?.body).not.toContain('> Where do I pay\\?');
    expect(comment?.body).toContain('1 new annotation since');
  });

  it('tells of annotations the issue has not heard of, however old (an imported session)', async () => {
    const w = (world = await createWorld());
    const study = await loadStudyFindings(w.db, STUDY);
    const pay = study.findings.find((f) => f.id === w.ids.pay)!;
    const files = await screenshotEvidence(pay, { study });
    const [firstId, ...others] = pay.annotationIds;
    const receipt: ExportReceiptRecord = {
      id: 'r',
      findingId: pay.id,
      studyKey: STUDY,
      targetId: redmineTarget.id,
      targetType: 'redmine',
      targetName: 'Team Redmine',
      issue: { id: '1', url: 'u' },
      attached: files.map((f) => ({ fileName: f.fileName, url: null })),
      annotationIds: [firstId!],
      comments: 0,
      // Filed after every annotation was made: by time, nothing would be new.
      createdAt: START + 4_000_000,
      updatedAt: START + 4_000_000,
    };
    const comment = buildCommentDraft({ finding: pay, study, receipt, attachments: files });
    const count = others.length;
    expect(comment?.body).toContain(`${count} new annotation${count === 1 ? '' : 's'} since`);
    const told = { ...receipt, annotationIds: [...pay.annotationIds] };
    expect(
      buildCommentDraft({ finding: pay, study, receipt: told, attachments: files }),
    ).toBeNull();
  });
});

describe('exportKey', () => {
  const uuid4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('is a v4-shaped UUID, the same for a finding wherever the target was configured', async () => {
    const key = await exportKey('f-1', redmineTarget);
    expect(key).toMatch(uuid4);
    const again: TrackerTarget = {
      ...redmineTarget,
      id: 'other-id',
      name: 'Renamed',
      apiKey: 'new-key',
      labels: [],
    };
    expect(await exportKey('f-1', again)).toBe(key);
  });

  it('differs per finding, per project and per tracker type', async () => {
    const keys = await Promise.all([
      exportKey('f-1', redmineTarget),
      exportKey('f-2', redmineTarget),
      exportKey('f-1', { ...redmineTarget, project: 'other' }),
      ...everyTarget.map((t) => exportKey('f-1', t)),
    ]);
    // redmineTarget is in everyTarget too.
    expect(new Set(keys).size).toBe(keys.length - 1);
    for (const key of keys) expect(key).toMatch(uuid4);
  });
});
