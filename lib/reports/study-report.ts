import { strToU8, zipSync, type Zippable } from 'fflate';
import {
  DETECTOR_LABELS,
  type AnnotationRecord,
  type ScreenshotRecord,
  type SessionRecord,
} from '../contracts';
import { fileSlug } from '../files';
import { PRIORITY_RULE } from '../findings';
import { adjustedWald, participantOf, type Interval, type StudyMetrics } from '../metrics';
import { tagLabels, type StudyTables } from './csv';
import { findingMarker } from './issue-draft';
import { escapeMarkdown } from './markdown';

export interface StudyReportInput extends StudyTables {
  metrics: StudyMetrics;
  screenshots: ScreenshotRecord[];
  /** When the report was made (a parameter: pure functions take no clock). */
  exportedAt: number;
}

export interface StudyReport {
  markdown: string;
  /** Paths inside the zip (`images/…`), as report.md names them. */
  images: { path: string; data: Uint8Array }[];
}

const percent = (n: number) => `${Math.round(n * 100)}%`;
const intervalText = (i: Interval | null) =>
  i ? `95% interval ${percent(i.low)}–${percent(i.high)}` : 'no interval (n = 0)';

function duration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const extensionOf = (mime: string) =>
  mime === 'image/png' ? 'png' : mime === 'image/webp' ? 'webp' : 'jpg';

function metricsSection(m: StudyMetrics, labels: Map<string, string>): string[] {
  const defined = (text: string) => `  _${escapeMarkdown(text)}_`;
  const rate = (r: StudyMetrics['goalReached']) =>
    `${r.successes} of ${r.n} (${intervalText(r.interval)})`;
  const lines = [
    '## Metrics',
    '',
    `- **Participants:** ${m.participants.value} in ${m.participants.sessions} sessions`,
    defined(m.participants.definition),
    `- **Goal reached:** ${rate(m.goalReached)}`,
    defined(m.goalReached.definition),
    `- **Goal reached without friction:** ${rate(m.goalReachedZeroFriction)}`,
    defined(m.goalReachedZeroFriction.definition),
    `- **Time to goal:** median ${duration(m.timeToGoal.medianMs)}, geometric mean ${duration(m.timeToGoal.geometricMeanMs)} (n = ${m.timeToGoal.n})`,
    defined(m.timeToGoal.definition),
    `- **Bad-day events:** ${m.badDayEvents.total}${m.badDayEvents.meanPerSession === null ? '' : `, ${m.badDayEvents.meanPerSession.toFixed(1)} per session`}`,
    defined(m.badDayEvents.definition),
  ];
  if (m.frictionByTag.counts.length > 0) {
    const keyLabel = (key: string) => m.labels[key] ?? labels.get(key) ?? key;
    lines.push(
      `- **Friction by tag:** ${m.frictionByTag.counts.map((c) => `${escapeMarkdown(keyLabel(c.key))} ${c.count}`).join(', ')}`,
      defined(m.frictionByTag.definition),
    );
  }
  if (m.tasks.items.length > 0) {
    lines.push(
      '',
      '### Tasks',
      '',
      '| Task | Success | Time on task | Ease |',
      '| --- | --- | --- | --- |',
      ...m.tasks.items.map(
        (t) =>
          `| ${escapeMarkdown(t.title)} | ${t.success.successes} of ${t.success.n} (${intervalText(t.success.interval)}) | ${duration(t.timeOnTaskMs)} (n = ${t.timeOnTaskN}) | ${t.ease.mean === null ? '—' : t.ease.mean.toFixed(1)} (n = ${t.ease.n}) |`,
      ),
      '',
      `_Success: ${escapeMarkdown(m.tasks.definitions.success)} Time on task: ${escapeMarkdown(m.tasks.definitions.timeOnTask)} Ease: ${escapeMarkdown(m.tasks.definitions.ease)}_`,
    );
  }
  return lines;
}

function kindOf(a: AnnotationRecord, labels: Map<string, string>): string {
  if (a.kind === 'auto') return a.detector ? DETECTOR_LABELS[a.detector] : 'Detector';
  return a.tagId ? (labels.get(a.tagId) ?? a.tagId) : 'Untagged';
}

/** The report of a study: what it asked, how it went, then its findings, most pressing first. */
export function studyReport(input: StudyReportInput): StudyReport {
  const { findings, participants, sessions, annotations, metrics, screenshots } = input;
  const labels = tagLabels(sessions);
  const kit = sessions.find((s) => s.study)?.study ?? null;
  const byId = new Map<string, SessionRecord>(sessions.map((s) => [s.id, s]));
  const annotationById = new Map(annotations.map((a) => [a.id, a]));
  const shotOf = new Map(screenshots.map((s) => [s.annotationId, s]));
  const images: StudyReport['images'] = [];

  const lines = [
    `# ${escapeMarkdown(kit ? kit.title : 'Quick sessions')}${kit?.round && kit.round > 1 ? ` — round ${kit.round}` : ''}`,
    '',
    `Exported ${new Date(input.exportedAt).toISOString()} by Study Group.`,
    '',
  ];
  if (kit) {
    lines.push('## Scenario', '', escapeMarkdown(kit.scenario) || '—', '');
    lines.push('## Goal', '', escapeMarkdown(kit.goal) || '—', '');
  }
  lines.push(...metricsSection(metrics, labels), '');
  lines.push('## Findings', '', `_${escapeMarkdown(PRIORITY_RULE)}_`, '');
  if (findings.length === 0) lines.push('No friction noted in this study.', '');

  findings.forEach((finding, index) => {
    const rank = index + 1;
    const interval = adjustedWald(finding.reach, participants);
    lines.push(
      `### ${rank}. ${escapeMarkdown(finding.title)}`,
      '',
      `- **Priority:** ${finding.priority}`,
      `- **Reach:** ${finding.reach} of ${participants} participants (${intervalText(interval)})`,
      `- **Worst severity:** ${finding.worstSeverity} of 3`,
      `- **Status:** ${finding.status}`,
      `- **Tags:** ${finding.tagIds.map((id) => escapeMarkdown(labels.get(id) ?? id)).join(', ') || '—'}`,
      `- **Pages:** ${finding.pages.map((p) => `\`${p.replace(/`/g, '')}\``).join(', ') || '—'}`,
      `- **Marker:** \`${findingMarker(finding.id)}\``,
      '',
      '#### Annotations',
      '',
    );
    let shots = 0;
    for (const id of finding.annotationIds) {
      const a = annotationById.get(id);
      if (!a) continue;
      const session = byId.get(a.sessionId);
      const who = session ? escapeMarkdown(participantOf(session)) : 'unknown';
      const into = session ? duration(a.ts - session.startedAt) : '—';
      const shot = shotOf.get(a.id);
      let picture = '';
      if (shot) {
        shots += 1;
        const path = `images/finding-${rank}-${shots}.${extensionOf(shot.mime)}`;
        images.push({ path, data: shot.data });
        picture = ` Screenshot: [${path}](${path})`;
      }
      lines.push(
        `- ${who}, ${into} into the session (${new Date(a.ts).toISOString()}), ${escapeMarkdown(kindOf(a, labels))}, severity ${a.severity}, on ${escapeMarkdown(a.url)}.${picture}`,
      );
      if (a.note.trim()) lines.push(`  > ${escapeMarkdown(a.note.trim())}`);
    }
    lines.push('');
  });
  return { markdown: lines.join('\n'), images };
}

/** The report as a zip: `report.md` with the screenshots it names under `images/`. */
export function studyReportZip(report: StudyReport): Uint8Array {
  const files: Zippable = { 'report.md': [strToU8(report.markdown), { level: 6 }] };
  // Pictures are compressed already: stored as they are.
  for (const image of report.images) files[image.path] = [image.data, { level: 0 }];
  return zipSync(files);
}

export type StudyExportKind = 'findings-csv' | 'annotations-csv' | 'report-zip';

const SUFFIX = {
  'findings-csv': '-findings.csv',
  'annotations-csv': '-annotations.csv',
  'report-zip': '-report.zip',
} as const satisfies Record<StudyExportKind, string>;

/** `<study>[-round-N]-<yyyy-mm-dd>-<what>`, like a bundle's name. */
export function studyExportFileName(
  sessions: readonly SessionRecord[],
  kind: StudyExportKind,
  now: Date,
): string {
  const kit = sessions.find((s) => s.study)?.study ?? null;
  const base = kit ? `${kit.title}${kit.round && kit.round > 1 ? ` round ${kit.round}` : ''}` : '';
  return `${fileSlug(base, 'quick-sessions')}-${now.toISOString().slice(0, 10)}${SUFFIX[kind]}`;
}
