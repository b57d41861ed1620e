import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ScreenshotRecord } from '@/lib/contracts';
import { clusterFindings } from '@/lib/findings';
import { METRIC_DEFINITIONS, studyMetrics } from '@/lib/metrics';
import {
  escapeMarkdown,
  studyExportFileName,
  studyReport,
  studyReportZip,
  type StudyReportInput,
} from '@/lib/reports';
import { annotation, auto, kit, session } from '../findings/records';

const XSS = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) **loud**\n# heading';

function input(): StudyReportInput {
  const k = kit({ scenario: 'You run a *small* shop.', goal: 'Get paid <today>' });
  const sessions = [
    session('s1', { participant: 'ana', study: k, startedAt: 0, goalReached: true }),
    session('s2', { participant: 'ben', study: k, startedAt: 50_000, goalReached: false }),
    session('s3', { participant: 'cy', study: k, startedAt: 90_000, goalReached: true }),
  ];
  const annotations = [
    annotation('a1', { sessionId: 's1', ts: 65_000, tagId: 'stuck', severity: 3, note: XSS }),
    annotation('a2', { sessionId: 's2', ts: 60_000, tagId: 'stuck', severity: 2 }),
    auto('a3', 'js-error', { sessionId: 's3', ts: 95_000, url: 'https://app.example/pay' }),
  ];
  const items = annotations.map((a) => ({
    annotation: a,
    participant: sessions.find((s) => s.id === a.sessionId)!.participant,
    sessionId: a.sessionId,
    tags: k.tags,
  }));
  const { findings } = clusterFindings({ items, overrides: [], participants: 3 });
  const shot = (annotationId: string, sessionId: string, bytes: number[]): ScreenshotRecord => ({
    annotationId,
    sessionId,
    source: 'capture',
    mime: 'image/jpeg',
    data: new Uint8Array(bytes),
  });
  return {
    findings,
    participants: 3,
    sessions,
    annotations,
    metrics: studyMetrics(sessions, annotations),
    screenshots: [
      shot('a1', 's1', [0xff, 0xd8, 1]),
      shot('a2', 's2', [0xff, 0xd8, 2]),
      shot('a3', 's3', [0xff, 0xd8, 3]),
    ],
    exportedAt: Date.UTC(2026, 11, 1, 12),
  };
}

describe('the escaping the report uses', () => {
  it('leaves no HTML, link, emphasis or heading of a note to act on', () => {
    const out = escapeMarkdown(XSS);
    expect(out).not.toMatch(/\n/);
    // Every character Markdown or HTML acts on is backslash-escaped.
    expect(out).not.toMatch(/(^|[^\\])[<>[\]()*#!]/);
    expect(out).toContain('\\<img src\\=x onerror\\=alert\\(1\\)\\>');
    expect(out).toContain('\\[click\\]\\(javascript');
  });
});

describe('studyReport', () => {
  it('has the scenario, goal, metrics with their definitions and the findings by priority', () => {
    const data = input();
    const { markdown } = studyReport(data);
    expect(markdown).toMatch(/^# Payouts\n/);
    expect(markdown).toContain('## Scenario\n\nYou run a \\*small\\* shop\\.');
    expect(markdown).toContain('Get paid \\<today\\>');
    expect(markdown).toContain('**Goal reached:** 2 of 3');
    expect(markdown).toContain(escapeMarkdown(METRIC_DEFINITIONS.goalReached));
    expect(markdown).toContain(escapeMarkdown(METRIC_DEFINITIONS.taskSuccess));
    expect(markdown).toContain('Exported 2026-12-01T12:00:00.000Z');
    const headings = [...markdown.matchAll(/^### (\d+)\. (.*)$/gm)];
    expect(headings).toHaveLength(data.findings.length);
    data.findings.forEach((f, i) => expect(headings[i]![2]).toBe(escapeMarkdown(f.title)));
    const stuck = data.findings.findIndex((f) => f.tagIds.includes('stuck'));
    const section = markdown.split(/^### \d+\. /m)[stuck + 1]!;
    expect(section).toMatch(/\*\*Reach:\*\* 2 of 3 participants \(95% interval \d+%–\d+%\)/);
    expect(section).toContain('**Worst severity:** 3 of 3');
    expect(section).toContain('**Tags:** Stuck');
    expect(section).toContain('ana, 1:05 into the session');
    expect(section).toContain('ben, 0:10 into the session');
    expect(section).toContain(`> ${escapeMarkdown(XSS)}`);
  });

  it('never lets a hostile note through as HTML or a link', () => {
    const { markdown } = studyReport(input());
    // A backslash-escaped `<` is a literal character in CommonMark, never a tag.
    expect(markdown).not.toMatch(/(^|[^\\])<img/);
    expect(markdown).not.toContain('](javascript');
    expect(markdown).not.toMatch(/^# heading/m);
  });

  it('zips report.md with every image it names, and nothing else', () => {
    const report = studyReport(input());
    const files = unzipSync(studyReportZip(report));
    const md = strFromU8(files['report.md']!);
    expect(md).toBe(report.markdown);
    const named = [...md.matchAll(/\]\((images\/[^)]+)\)/g)].map((m) => m[1]!);
    expect(named).toHaveLength(3);
    expect(Object.keys(files).sort()).toEqual(['report.md', ...named].sort());
    const bytes = named.map((n) => files[n]![2]).sort();
    expect(bytes).toEqual([1, 2, 3]);
  });

  it('reports a study without findings or a kit', () => {
    const data = input();
    const sessions = data.sessions.map((s) => ({ ...s, study: null }));
    const { markdown, images } = studyReport({
      ...data,
      sessions,
      findings: [],
      annotations: [],
      metrics: studyMetrics(sessions, []),
    });
    expect(markdown).toMatch(/^# Quick sessions\n/);
    expect(markdown).not.toContain('## Scenario');
    expect(markdown).toContain('No friction noted in this study.');
    expect(images).toEqual([]);
  });
});

describe('studyExportFileName', () => {
  const now = new Date(Date.UTC(2026, 11, 1, 23, 59));
  it('names the file after the study, its round and the date', () => {
    const k = kit({ title: 'Café payouts', round: 2 });
    expect(studyExportFileName([session('s1', { study: k })], 'report-zip', now)).toBe(
      'cafe-payouts-round-2-2026-12-01-report.zip',
    );
    expect(studyExportFileName([session('s1', { study: kit() })], 'findings-csv', now)).toBe(
      'payouts-2026-12-01-findings.csv',
    );
    expect(studyExportFileName([session('s1')], 'annotations-csv', now)).toBe(
      'quick-sessions-2026-12-01-annotations.csv',
    );
  });
});
