import type {
  AnnotationRecord,
  ExportReceiptRecord,
  Finding,
  IssueAttachment,
  IssueDraft,
  RrwebEvent,
  SegmentRecord,
  SessionRecord,
} from '../contracts';
import { fileSlug } from '../files';
import { studyRefOf } from '../findings';
import {
  createIssueDraft,
  deriveSteps,
  draftNotes,
  escapeMarkdown,
  findingMarker,
  formatOffset,
  inlineCode,
  quoteBlock,
  SEVERITY_NAMES,
  tagLabels,
  taskAt,
  viewportAt,
} from '../reports';
import type { StudyFindings } from './study-findings';

/** What an evidence source may look at besides the finding. */
export interface EvidenceContext {
  study: StudyFindings;
}

/** The files that go with a finding's issue (screenshots now; the offline replay clip later). */
export type EvidenceSource = (
  finding: Finding,
  context: EvidenceContext,
) => Promise<IssueAttachment[]>;

/** A finding seen by many is pictured by its first few: the issue stays readable. */
export const MAX_SCREENSHOTS = 10;

function extension(mime: string): string {
  if (mime === 'image/png') return 'png';
  if (mime === 'image/webp') return 'webp';
  return 'jpg';
}

/** The finding's annotations, in session order then time. */
function annotationsOf(finding: Finding, study: StudyFindings): AnnotationRecord[] {
  const ids = new Set(finding.annotationIds);
  const started = new Map(study.sessions.map((s) => [s.id, s.startedAt]));
  return study.annotations
    .filter((a) => ids.has(a.id))
    .sort(
      (a, b) =>
        (started.get(a.sessionId) ?? 0) - (started.get(b.sessionId) ?? 0) ||
        a.ts - b.ts ||
        (a.id < b.id ? -1 : 1),
    );
}

/**
 * The annotations' stored screenshots. Each name comes from the finding, the
 * participant and the annotation, so a re-export names a file the same way
 * and only truly new pictures count as new evidence.
 */
export const screenshotEvidence: EvidenceSource = async (finding, { study }) => {
  const shots = new Map(study.screenshots.map((s) => [s.annotationId, s]));
  const sessions = new Map(study.sessions.map((s) => [s.id, s]));
  const findingSlug = fileSlug(finding.title, 'finding', 40);
  const files: IssueAttachment[] = [];
  for (const annotation of annotationsOf(finding, study)) {
    const shot = shots.get(annotation.id);
    if (!shot || files.length >= MAX_SCREENSHOTS) continue;
    const who = fileSlug(sessions.get(annotation.sessionId)?.participant ?? '', 'participant', 30);
    const which = fileSlug(annotation.id, 'shot', 8);
    files.push({
      fileName: `${findingSlug}-${who}-${which}.${extension(shot.mime)}`,
      mime: shot.mime,
      data: shot.data,
    });
  }
  return files;
};

/** What the background reads beside the study to describe the first moment of friction. */
export interface FirstMoment {
  session: SessionRecord;
  annotation: AnnotationRecord;
  segments: Pick<SegmentRecord, 'startedAt' | 'url'>[];
  /** The events of the annotation's page (for the viewport); empty when not stored. */
  events: RrwebEvent[];
}

/** The finding's earliest annotation and its session: where the steps and environment come from. */
export function firstAnnotation(
  finding: Finding,
  study: StudyFindings,
): { annotation: AnnotationRecord; session: SessionRecord } | null {
  const ids = new Set(finding.annotationIds);
  const sessions = new Map(study.sessions.map((s) => [s.id, s]));
  let best: { annotation: AnnotationRecord; session: SessionRecord } | null = null;
  for (const annotation of study.annotations) {
    const session = sessions.get(annotation.sessionId);
    if (!ids.has(annotation.id) || !session) continue;
    if (!best || annotation.ts < best.annotation.ts) best = { annotation, session };
  }
  return best;
}

/** Lists the files in the body, before its footer, as the report does. */
function withEvidence(body: string, files: readonly IssueAttachment[]): string {
  if (files.length === 0) return body;
  const section = `## Evidence\n\n${files.map((f) => `- ${inlineCode(f.fileName)}`).join('\n')}`;
  const footer = body.lastIndexOf('\n\n---\n\n');
  return footer >= 0
    ? `${body.slice(0, footer)}\n\n${section}${body.slice(footer)}`
    : `${body}\n${section}\n`;
}

export interface DraftInput {
  finding: Finding;
  study: StudyFindings;
  moment: FirstMoment | null;
  /** The browser the sessions were recorded in ("Chrome 156"), when known. */
  browser: string | null;
  defaultLabels: string[];
  attachments: IssueAttachment[];
}

/** The issue for a finding: lib/reports' draft with the evidence files. */
export function buildIssueDraft(input: DraftInput): IssueDraft {
  const { finding, study, moment } = input;
  const session = moment?.session ?? null;
  const draft = createIssueDraft({
    finding,
    study: {
      title: session?.study?.title ?? '',
      round: (session && studyRefOf(session)?.round) ?? 1,
      goal: session?.study?.goal ?? null,
    },
    task: moment ? taskAt(moment.session, moment.annotation.ts) : null,
    participants: study.participants,
    tagLabels: Object.fromEntries(tagLabels(study.sessions)),
    notes: draftNotes(annotationsOf(finding, study), study.sessions),
    steps: moment
      ? deriveSteps({
          startedAt: moment.session.startedAt,
          until: moment.annotation.ts,
          segments: moment.segments,
          timeline: study.timeline.filter((t) => t.sessionId === moment.session.id),
        })
      : [],
    environment: {
      browser: input.browser,
      viewport: moment ? viewportAt(moment.events, moment.annotation.ts) : null,
      productUrl: moment?.annotation.url ?? null,
    },
    defaultLabels: input.defaultLabels,
    screenshots: [],
  });
  return {
    ...draft,
    body: withEvidence(draft.body, input.attachments),
    attachments: input.attachments,
  };
}

/**
 * A re-export's comment: the reach now, the notes made since the issue was
 * last touched, the new files. Null when there is nothing new to say.
 */
export function buildCommentDraft(input: {
  finding: Finding;
  study: StudyFindings;
  receipt: ExportReceiptRecord;
  attachments: IssueAttachment[];
}): IssueDraft | null {
  const { finding, study, receipt } = input;
  const had = new Set(receipt.attached.map((f) => f.fileName));
  const files = input.attachments.filter((f) => !had.has(f.fileName));
  const since = receipt.updatedAt;
  const told = receipt.annotationIds ? new Set(receipt.annotationIds) : null;
  const fresh = annotationsOf(finding, study).filter((a) =>
    told ? !told.has(a.id) : a.ts > since,
  );
  const notes = draftNotes(fresh, study.sessions);
  if (fresh.length === 0 && files.length === 0) return null;
  const reach = Math.max(finding.reach, 0);
  const participants = Math.max(study.participants, reach);
  const marker = findingMarker(finding.id);
  const parts = [
    '## Update from Study Group',
    `**${reach} of ${participants} participants** hit this now; ${fresh.length} new annotation${fresh.length === 1 ? '' : 's'} since ${new Date(since).toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
  ];
  for (const note of notes) {
    parts.push(
      `**${escapeMarkdown(note.participant) || 'Anonymous'}** at ${formatOffset(note.offsetMs)} (${SEVERITY_NAMES[note.severity]}):`,
      quoteBlock(note.note),
    );
  }
  if (files.length > 0) {
    parts.push('## New evidence', files.map((f) => `- ${inlineCode(f.fileName)}`).join('\n'));
  }
  parts.push('---', `Filed by Study Group · marker ${inlineCode(marker)}`);
  return {
    marker,
    title: finding.title,
    body: `${parts.join('\n\n')}\n`,
    labels: [],
    attachments: files,
  };
}
