import {
  DETECTOR_LABELS,
  type AnnotationRecord,
  type Finding,
  type SessionRecord,
} from '../contracts';
import { adjustedWald, participantOf } from '../metrics';
import { findingMarker } from './issue-draft';

/** Excel reads a file as UTF-8 only when it starts with the byte order mark. */
export const CSV_BOM = '\uFEFF';

/** A spreadsheet runs a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, quoted per RFC 4180 and disarmed: notes and titles come from people and pages. */
export function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to a CSV file: BOM, CRLF line ends, a header row first. */
export function toCsv(rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return CSV_BOM + rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

export const FINDING_COLUMNS = [
  'id',
  'title',
  'status',
  'priority',
  'reach',
  'participants',
  'interval_low',
  'interval_high',
  'worst_severity',
  'tags',
  'pages',
  'annotations',
  'marker',
] as const;

export const ANNOTATION_COLUMNS = [
  'id',
  'session',
  'participant',
  'time_into_session_s',
  'time',
  'kind',
  'tag_or_detector',
  'severity',
  'note',
  'page',
  'dismissed',
  'author',
  'finding',
] as const;

/** What the study's files are made from: what the findings board holds. */
export interface StudyTables {
  findings: Finding[];
  /** Distinct participants of the study. */
  participants: number;
  sessions: SessionRecord[];
  annotations: AnnotationRecord[];
}

/** The finding's marker, the text a tracker search finds it by again. */

/** Tag ids to their labels, from the kits the sessions played. */
export function tagLabels(sessions: readonly SessionRecord[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const session of sessions)
    for (const tag of session.study?.tags ?? []) labels.set(tag.id, tag.label);
  return labels;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export function findingsCsv({ findings, participants, sessions }: StudyTables): string {
  const labels = tagLabels(sessions);
  const rows = findings.map((f) => {
    const interval = adjustedWald(f.reach, participants);
    return [
      f.id,
      f.title,
      f.status,
      f.priority,
      f.reach,
      participants,
      interval ? round3(interval.low) : null,
      interval ? round3(interval.high) : null,
      f.worstSeverity,
      f.tagIds.map((id) => labels.get(id) ?? id).join('; '),
      f.pages.join('; '),
      f.annotationIds.length,
      findingMarker(f.id),
    ];
  });
  return toCsv([FINDING_COLUMNS, ...rows]);
}

export function annotationsCsv({ findings, sessions, annotations }: StudyTables): string {
  const labels = tagLabels(sessions);
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const findingOf = new Map<string, string>();
  for (const f of findings) for (const id of f.annotationIds) findingOf.set(id, f.id);
  const rows = [...annotations]
    .sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1))
    .map((a) => {
      const session = byId.get(a.sessionId);
      const what =
        a.kind === 'auto'
          ? a.detector
            ? DETECTOR_LABELS[a.detector]
            : 'unknown'
          : a.tagId
            ? (labels.get(a.tagId) ?? a.tagId)
            : '';
      return [
        a.id,
        a.sessionId,
        session ? participantOf(session) : '',
        session ? round3((a.ts - session.startedAt) / 1000) : null,
        new Date(a.ts).toISOString(),
        a.kind,
        what,
        a.severity,
        a.note,
        a.url,
        a.dismissed === true,
        a.author ?? (a.kind === 'auto' ? 'detector' : 'participant'),
        findingOf.get(a.id) ?? '',
      ];
    });
  return toCsv([ANNOTATION_COLUMNS, ...rows]);
}
