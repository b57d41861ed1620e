import { describe, expect, it } from 'vitest';
import { clusterFindings } from '@/lib/findings';
import {
  ANNOTATION_COLUMNS,
  annotationsCsv,
  CSV_BOM,
  csvCell,
  FINDING_COLUMNS,
  findingsCsv,
  toCsv,
  type StudyTables,
} from '@/lib/reports';
import { annotation, auto, kit, session } from '../findings/records';
import { parseCsv } from './csv-parse';

const HOSTILE = [
  '=HYPERLINK("https://evil.example","click")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\tindented',
  '\rreturn',
  'a, "quoted"\r\nsecond line\nthird',
  'Café déjà vu ✓',
];

function study(): StudyTables {
  const k = kit();
  const sessions = [
    session('s1', { participant: 'ana', study: k, startedAt: 10_000 }),
    session('s2', { participant: 'ben', study: k, startedAt: 20_000 }),
  ];
  const annotations = [
    annotation('a1', {
      sessionId: 's1',
      ts: 12_500,
      tagId: 'stuck',
      severity: 3,
      note: HOSTILE[0],
    }),
    annotation('a2', {
      sessionId: 's2',
      ts: 21_000,
      tagId: 'stuck',
      severity: 2,
      note: HOSTILE[6],
    }),
    auto('a3', 'dead-click', { sessionId: 's2', ts: 25_000, dismissed: true }),
    annotation('a4', {
      sessionId: 's1',
      ts: 15_000,
      tagId: 'confused',
      note: HOSTILE[7],
      author: 'facilitator',
    }),
  ];
  const items = annotations.map((a) => ({
    annotation: a,
    participant: sessions.find((s) => s.id === a.sessionId)!.participant,
    sessionId: a.sessionId,
    tags: k.tags,
  }));
  const { findings } = clusterFindings({ items, overrides: [], participants: 2 });
  return { findings, participants: 2, sessions, annotations };
}

const body = (csv: string) => {
  expect(csv.startsWith(CSV_BOM)).toBe(true);
  return parseCsv(csv.slice(CSV_BOM.length));
};

describe('csvCell', () => {
  it('quotes fields with a comma, quote, CR or LF and doubles the quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(3)).toBe('3');
  });

  it('disarms text a spreadsheet would run as a formula', () => {
    for (const note of HOSTILE.slice(0, 6)) expect(csvCell(note).replace(/^"/, '')[0]).toBe("'");
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('a=1')).toBe('a=1');
    // Our own numbers stay numbers.
    expect(csvCell(-1.5)).toBe('-1.5');
  });

  it('round-trips every hostile note through an RFC 4180 reader, with CRLF line ends', () => {
    const csv = toCsv([['note'], ...HOSTILE.map((n) => [n])]);
    const rows = body(csv);
    expect(rows).toHaveLength(HOSTILE.length + 1);
    rows.slice(1).forEach(([cell], i) => {
      const note = HOSTILE[i]!;
      expect(cell).toBe(/^[=+\-@\t\r]/.test(note) ? `'${note}` : note);
    });
    expect(
      csv
        .replace(/"[^"]*(?:""[^"]*)*"/g, '')
        .match(/\r?\n/g)!
        .every((eol) => eol === '\r\n'),
    ).toBe(true);
  });
});

describe('findingsCsv', () => {
  it('has one row per finding with the documented columns', () => {
    const tables = study();
    const rows = body(findingsCsv(tables));
    expect(rows[0]).toEqual([...FINDING_COLUMNS]);
    expect(rows).toHaveLength(tables.findings.length + 1);
    const stuck = rows.find((r) => r[9] === 'Stuck')!;
    const f = tables.findings.find((x) => x.tagIds.includes('stuck'))!;
    expect(stuck[0]).toBe(f.id);
    expect(stuck.slice(2, 6)).toEqual([f.status, String(f.priority), '2', '2']);
    const [low, high] = [Number(stuck[6]), Number(stuck[7])];
    expect(low).toBeGreaterThan(0);
    expect(low).toBeLessThan(high);
    expect(high).toBeLessThanOrEqual(1);
    expect(stuck[8]).toBe('3');
    expect(stuck[11]).toBe('2');
    expect(stuck[12]).toBe(`sg-finding-${f.id}`);
  });

  it('leaves the interval empty when the study has no participants', () => {
    const rows = body(findingsCsv({ ...study(), participants: 0 }));
    expect(rows[1]!.slice(6, 8)).toEqual(['', '']);
  });
});

describe('annotationsCsv', () => {
  it('has one row per annotation, oldest first, with session time and finding', () => {
    const tables = study();
    const rows = body(annotationsCsv(tables));
    expect(rows[0]).toEqual([...ANNOTATION_COLUMNS]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['a1', 'a4', 'a2', 'a3']);
    const [a1, a4, a2, a3] = rows.slice(1);
    expect(a1!.slice(1, 8)).toEqual([
      's1',
      'ana',
      '2.5',
      '1970-01-01T00:00:12.500Z',
      'manual',
      'Stuck',
      '3',
    ]);
    expect(a1![8]).toBe(`'${HOSTILE[0]}`);
    expect(a2![8]).toBe(HOSTILE[6]);
    expect(a4![8]).toBe(HOSTILE[7]);
    expect(a4![11]).toBe('facilitator');
    expect(a3!.slice(5, 7)).toEqual(['auto', 'Dead click']);
    expect(a3![10]).toBe('true');
    expect(a3![11]).toBe('detector');
    const finding = tables.findings.find((f) => f.annotationIds.includes('a1'))!;
    expect(a1![12]).toBe(finding.id);
    expect(a2![12]).toBe(finding.id);
    // The dismissed one is in no finding.
    expect(a3![12]).toBe('');
  });
});
