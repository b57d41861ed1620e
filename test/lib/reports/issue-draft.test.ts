import { describe, expect, it } from 'vitest';
import type { Finding } from '@/lib/contracts';
import { adjustedWald } from '@/lib/metrics';
import {
  createIssueDraft,
  draftNotes,
  findingMarker,
  goalClause,
  markdownToAdf,
  type AdfDoc,
  type IssueDraftInput,
} from '@/lib/reports';
import { annotation, session } from '../findings/records';

const HOSTILE_NOTES = [
  '![x](http://evil/pixel.png)',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(document.cookie))',
];

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'f-3a9c',
    fingerprint: 'tag:confusing|/checkout|button:pay',
    title: 'Pay button does nothing',
    kind: { type: 'tag', tagId: 'confusing' },
    status: 'new',
    annotationIds: ['a1', 'a2', 'a3'],
    sessionIds: ['s1', 's2', 's3'],
    reach: 3,
    worstSeverity: 3,
    tagIds: ['confusing', 'broken'],
    pages: ['/checkout'],
    priority: 9,
    ...overrides,
  };
}

function input(overrides: Partial<IssueDraftInput> = {}): IssueDraftInput {
  return {
    finding: finding(),
    study: { title: 'Checkout study', round: 2, goal: 'buy a gift card for a friend' },
    task: 'Pay for the order',
    participants: 5,
    tagLabels: { confusing: 'Confusing UI', broken: 'Broken!' },
    notes: [
      {
        participant: 'Ana',
        offsetMs: 95_000,
        severity: 2,
        note: 'I clicked Pay and\nnothing moved',
      },
      ...HOSTILE_NOTES.map((note, i) => ({
        participant: `P${i + 2}`,
        offsetMs: 60_000 * (i + 1),
        severity: 3 as const,
        note,
      })),
    ],
    steps: [
      { type: 'page', offsetMs: 1_000, url: 'https://shop.example/cart' },
      { type: 'click', offsetMs: 80_000, target: 'Checkout' },
      { type: 'page', offsetMs: 81_000, url: 'https://shop.example/checkout?x=`y`' },
    ],
    environment: {
      browser: 'Chrome 131',
      viewport: { width: 1280, height: 720 },
      productUrl: 'https://shop.example/checkout?secret=1',
    },
    defaultLabels: ['study-group', ' ux ', 'study-group'],
    screenshots: [
      { participant: 'Ana', mime: 'image/jpeg', data: new Uint8Array([1]) },
      { participant: 'Ana', mime: 'image/jpeg', data: new Uint8Array([2]) },
      { participant: 'Bo Ström', mime: 'image/png', data: new Uint8Array([3]) },
    ],
    ...overrides,
  };
}

function walk(doc: AdfDoc): { types: string[]; marks: string[]; text: string } {
  const types: string[] = [];
  const marks: string[] = [];
  let text = '';
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    const n = node as {
      type?: string;
      text?: string;
      marks?: { type: string }[];
      content?: unknown[];
    };
    if (n.type) types.push(n.type);
    if (n.text) text += `${n.text}\n`;
    for (const m of n.marks ?? []) marks.push(m.type);
    for (const child of n.content ?? []) visit(child);
  };
  doc.content.forEach(visit);
  return { types, marks, text };
}

describe('createIssueDraft', () => {
  const draft = createIssueDraft(input());

  it('names the marker and titles the issue in plain text', () => {
    expect(draft.marker).toBe('sg-finding-f-3a9c');
    expect(findingMarker('F_x/1')).toBe('sg-finding-f-x-1');
    expect(draft.title).toBe('Pay button does nothing');
    const long = createIssueDraft(
      input({ finding: finding({ title: `a\nb ${'x'.repeat(300)}` }) }),
    );
    expect(long.title.startsWith('a b ')).toBe(true);
    expect(long.title).toHaveLength(200);
  });

  it('says what the customer was doing, how many hit it with the interval, severity and tags', () => {
    const interval = adjustedWald(3, 5);
    if (!interval) throw new Error('no interval');
    const range = `${Math.round(interval.low * 100)}%–${Math.round(interval.high * 100)}%`;
    expect(draft.body).toContain('While trying to buy a gift card for a friend');
    expect(draft.body).toContain('Pay for the order');
    expect(draft.body).toContain(
      `**3 of 5 participants** hit this (95% Adjusted Wald interval ${range})`,
    );
    expect(draft.body).toContain(
      '- **Worst severity:** blocker\n- **Tags:** Confusing UI, Broken\\!\n- **Annotations:** 3',
    );
  });

  it('quotes each participant with alias and time into the session', () => {
    expect(draft.body).toContain(
      '**Ana** at 1:35 (major):\n\n> I clicked Pay and\n> nothing moved',
    );
    expect(draft.body).toContain('**P2** at 1:00 (blocker):');
    expect(draft.body).toContain('**P4** at 3:00 (blocker):');
  });

  it('lists the steps and the environment, showing only the product origin', () => {
    expect(draft.body).toContain('- 0:01 opened `https://shop.example/cart`');
    expect(draft.body).toContain('- 1:20 clicked "Checkout"');
    expect(draft.body).toContain('- 1:21 opened `` https://shop.example/checkout?x=`y` ``');
    expect(draft.body).toContain('**Browser:** Chrome 131');
    expect(draft.body).toContain('**Viewport:** 1280×720');
    expect(draft.body).toContain('**Product:** `https://shop.example`');
    expect(draft.body).not.toContain('secret=1');
    expect(draft.body).toContain('**Study:** Checkout study, round 2');
    expect(draft.body.trimEnd().endsWith('marker `sg-finding-f-3a9c`')).toBe(true);
  });

  it('labels: defaults once, slugged tags, the marker', () => {
    expect(draft.labels).toEqual([
      'study-group',
      'ux',
      'confusing-ui',
      'broken',
      'sg-finding-f-3a9c',
    ]);
  });

  it('names attachments <finding>-<participant>-<n> and lists them in the body', () => {
    expect(draft.attachments.map((a) => a.fileName)).toEqual([
      'pay-button-does-nothing-ana-1.jpg',
      'pay-button-does-nothing-ana-2.jpg',
      'pay-button-does-nothing-bo-strom-1.png',
    ]);
    expect(draft.attachments[2]?.data).toEqual(new Uint8Array([3]));
    expect(draft.body).toContain('- `pay-button-does-nothing-bo-strom-1.png`');
  });

  it('lets no hostile note become a link, an image or HTML, in Markdown or in ADF', () => {
    for (const note of HOSTILE_NOTES) expect(draft.body).not.toContain(note);
    // No unescaped link/image/HTML opener anywhere in the body.
    expect(draft.body).not.toMatch(/(^|[^\\`])(!\[|\]\(|<[a-z/])/im);
    const adf = walk(markdownToAdf(draft.body));
    expect(adf.marks).not.toContain('link');
    expect(adf.types).not.toContain('media');
    for (const note of HOSTILE_NOTES) expect(adf.text).toContain(note);
  });

  it('converts to an ADF doc with the body parts', () => {
    const doc = markdownToAdf(draft.body);
    expect(doc.version).toBe(1);
    expect(doc.type).toBe('doc');
    const headings = doc.content.flatMap((b) =>
      b.type === 'heading' ? [b.content.map((t) => t.text).join('')] : [],
    );
    expect(headings).toEqual([
      'Summary',
      'What participants said',
      'Steps before the friction',
      'Environment',
      'Evidence',
    ]);
    expect(doc.content.filter((b) => b.type === 'blockquote')).toHaveLength(4);
    expect(doc.content.some((b) => b.type === 'rule')).toBe(true);
  });

  it('copes with a quick session, a detector finding and missing environment', () => {
    const quick = createIssueDraft(
      input({
        finding: finding({
          kind: { type: 'detector', detector: 'dead-click' },
          tagIds: [],
          reach: 2,
        }),
        study: { title: '', round: 1, goal: null },
        task: null,
        participants: 1,
        notes: [],
        steps: [],
        environment: { browser: null, viewport: null, productUrl: 'javascript:alert(1)' },
        defaultLabels: [],
        screenshots: [],
      }),
    );
    expect(quick.body).toContain('The customer ran into');
    expect(quick.body).toContain('detected automatically (Dead click)');
    expect(quick.body).toContain('**2 of 2 participants**');
    expect(quick.body).toContain('**Product:** unknown');
    expect(quick.body).toContain('**Study:** Quick session, round 1');
    expect(quick.body).toContain('No notes.');
    expect(quick.body).not.toContain('## Evidence');
    expect(quick.labels).toEqual(['sg-finding-f-3a9c']);
    expect(quick.attachments).toEqual([]);
  });

  it('is deterministic', () => {
    expect(createIssueDraft(input())).toEqual(draft);
  });
});

describe('draftNotes', () => {
  it('quotes noted annotations in session order then time, with time into the session', () => {
    const sessions = [
      session('late', { participant: 'Bo', startedAt: 50_000 }),
      session('early', { participant: '  ', startedAt: 10_000 }),
    ];
    const notes = draftNotes(
      [
        annotation('a1', { sessionId: 'late', ts: 65_000, note: 'second', severity: 1 }),
        annotation('a2', { sessionId: 'early', ts: 40_000, note: 'later in early' }),
        annotation('a3', { sessionId: 'early', ts: 20_000, note: 'first', severity: 3 }),
        annotation('a4', { sessionId: 'early', ts: 30_000, note: '   ' }),
        annotation('a5', { sessionId: 'gone', ts: 30_000, note: 'orphan' }),
      ],
      sessions,
    );
    expect(notes).toEqual([
      { participant: 'Anonymous', offsetMs: 10_000, severity: 3, note: 'first' },
      { participant: 'Anonymous', offsetMs: 30_000, severity: 1, note: 'later in early' },
      { participant: 'Bo', offsetMs: 15_000, severity: 1, note: 'second' },
    ]);
  });
});

describe('goalClause', () => {
  it('continues a sentence: no leading "to", no full stop, the sentence capital dropped', () => {
    expect(goalClause('Know when your money arrives.')).toBe('know when your money arrives');
    expect(goalClause('To get paid online')).toBe('get paid online');
    expect(goalClause('  receive your first payout ')).toBe('receive your first payout');
  });

  it('keeps words written in capitals as they are', () => {
    expect(goalClause('API keys rotated')).toBe('API keys rotated');
    expect(goalClause('iOS app installed')).toBe('iOS app installed');
  });
});
