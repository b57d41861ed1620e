import { DETECTOR_LABELS } from '@/lib/contracts';
import type {
  AnnotationRecord,
  Finding,
  IssueAttachment,
  IssueDraft,
  SessionRecord,
  Severity,
} from '@/lib/contracts';
import { fileSlug } from '@/lib/files';
import { adjustedWald } from '@/lib/metrics';
import { escapeMarkdown, formatOffset, inlineCode, quoteBlock } from './markdown';
import type { Step } from './steps';

export const SEVERITY_NAMES = { 1: 'minor', 2: 'major', 3: 'blocker' } as const satisfies Record<
  Severity,
  string
>;

/** One participant's annotation in the finding, as the issue quotes it. */
export interface DraftNote {
  participant: string;
  /** Time into the participant's session. */
  offsetMs: number;
  severity: Severity;
  /** Untrusted: typed by the participant. */
  note: string;
}

export interface DraftScreenshot {
  participant: string;
  mime: string;
  data: Uint8Array;
}

export interface IssueDraftInput {
  finding: Finding;
  study: {
    title: string;
    round: number;
    /** The kit's goal; null for a quick session. */
    goal: string | null;
  };
  /** The task under way at the finding's first annotation, if any. */
  task: string | null;
  /** M in "N of M participants": everyone who played the study. */
  participants: number;
  /** Tag id -> label, for the study's tags. */
  tagLabels: Record<string, string>;
  notes: DraftNote[];
  /** What happened before the friction in the first session that hit it (deriveSteps). */
  steps: Step[];
  environment: {
    /** e.g. "Chrome 131". */
    browser: string | null;
    /** From the recording's Meta event. */
    viewport: { width: number; height: number } | null;
    /** Any URL of the product; only its origin is shown. */
    productUrl: string | null;
  };
  /** The target's default labels. */
  defaultLabels: string[];
  screenshots: DraftScreenshot[];
}

const MAX_TITLE_CHARS = 200;

/**
 * The finding's annotations that carry a note, as the issue quotes them:
 * in session order, then time; an annotation of an unknown session is left out.
 */
export function draftNotes(
  annotations: readonly AnnotationRecord[],
  sessions: readonly Pick<SessionRecord, 'id' | 'participant' | 'startedAt'>[],
): DraftNote[] {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  return annotations
    .flatMap((annotation) => {
      const session = byId.get(annotation.sessionId);
      return session && annotation.note.trim() ? [{ annotation, session }] : [];
    })
    .sort((x, y) => x.session.startedAt - y.session.startedAt || x.annotation.ts - y.annotation.ts)
    .map(({ annotation, session }) => ({
      participant: session.participant.trim() || 'Anonymous',
      offsetMs: annotation.ts - session.startedAt,
      severity: annotation.severity,
      note: annotation.note,
    }));
}

/** The marker a tracker search finds the finding's issue by. */
export function findingMarker(findingId: string): string {
  return `sg-finding-${fileSlug(findingId, 'unknown', 80)}`;
}

/** What a tracker gets for one finding: plain title, Markdown body, labels, files. */
export function createIssueDraft(input: IssueDraftInput): IssueDraft {
  const marker = findingMarker(input.finding.id);
  const attachments = issueAttachments(input);
  return {
    marker,
    title: issueTitle(input.finding.title),
    body: issueBody(input, marker, attachments),
    labels: issueLabels(input, marker),
    attachments,
  };
}

/** Titles are plain text in every tracker: one line, trimmed, capped. */
function issueTitle(title: string): string {
  const line = [...title]
    .map((c) => ((c.codePointAt(0) ?? 0) < 0x20 ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  const capped = line.length > MAX_TITLE_CHARS ? `${line.slice(0, MAX_TITLE_CHARS - 1)}…` : line;
  return capped || 'Untitled finding';
}

function kindLabel(input: IssueDraftInput): string {
  const kind = input.finding.kind;
  return kind.type === 'detector'
    ? `detected automatically (${DETECTOR_LABELS[kind.detector]})`
    : `tagged as "${input.tagLabels[kind.tagId] ?? kind.tagId}"`;
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function reachLine(reach: number, participants: number): string {
  // A study never has fewer participants than a finding reached.
  const m = Math.max(participants, reach);
  const interval = adjustedWald(reach, m);
  const range = interval
    ? ` (95% Adjusted Wald interval ${percent(interval.low)}–${percent(interval.high)})`
    : '';
  return `**${reach} of ${m} participants** hit this${range}.`;
}

function origin(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * A kit's goal is written as a sentence ("Know when your money arrives.");
 * here it continues one: no leading "to", no closing full stop, and the
 * sentence's capital dropped ("Know…" → "know…"; "API", "iOS" stay as they are).
 */
export function goalClause(goal: string): string {
  const bare = goal
    .trim()
    .replace(/^to\s+/i, '')
    .replace(/\.+$/, '');
  return /^[A-Z][a-z]/.test(bare) ? `${bare[0]!.toLowerCase()}${bare.slice(1)}` : bare;
}

function summary(input: IssueDraftInput): string {
  const { finding } = input;
  const trying = [
    input.study.goal ? `to ${escapeMarkdown(goalClause(input.study.goal))}` : null,
    input.task ? `on the task "${escapeMarkdown(input.task)}"` : null,
  ].filter((part): part is string => part !== null);
  const context =
    trying.length > 0
      ? `While trying ${trying.join(', ')}, the customer ran into`
      : 'The customer ran into';
  const pages =
    finding.pages.length > 0 ? ` on ${finding.pages.slice(0, 3).map(inlineCode).join(', ')}` : '';
  const first = input.notes.find((n) => n.note.trim().length > 0);
  const said = first ? ` One participant wrote: "${escapeMarkdown(first.note)}".` : '';
  return `${context} "${escapeMarkdown(finding.title)}"${pages}: ${kindLabel(input)}.${said}`;
}

function issueBody(input: IssueDraftInput, marker: string, files: IssueAttachment[]): string {
  const { finding, environment } = input;
  const tags = finding.tagIds.map((id) => escapeMarkdown(input.tagLabels[id] ?? id));
  const parts: string[] = [
    '## Summary',
    summary(input),
    reachLine(finding.reach, input.participants),
    [
      `- **Worst severity:** ${SEVERITY_NAMES[finding.worstSeverity]}`,
      `- **Tags:** ${tags.length > 0 ? tags.join(', ') : 'none'}`,
      `- **Annotations:** ${finding.annotationIds.length}`,
    ].join('\n'),
  ];
  parts.push('## What participants said');
  if (input.notes.length === 0) parts.push('No notes.');
  for (const note of input.notes) {
    parts.push(
      `**${escapeMarkdown(note.participant) || 'Anonymous'}** at ${formatOffset(note.offsetMs)} (${SEVERITY_NAMES[note.severity]}):`,
      quoteBlock(note.note),
    );
  }
  parts.push('## Steps before the friction');
  parts.push(
    input.steps.length > 0
      ? input.steps.map(stepLine).join('\n')
      : 'No pages or actions were recorded before it.',
  );
  const productOrigin = origin(environment.productUrl);
  const viewport = environment.viewport;
  parts.push(
    '## Environment',
    [
      `- **Browser:** ${environment.browser ? escapeMarkdown(environment.browser) : 'unknown'}`,
      `- **Viewport:** ${viewport ? `${Math.round(viewport.width)}×${Math.round(viewport.height)}` : 'unknown'}`,
      `- **Product:** ${productOrigin ? inlineCode(productOrigin) : 'unknown'}`,
      `- **Study:** ${escapeMarkdown(input.study.title) || 'Quick session'}, round ${input.study.round}`,
    ].join('\n'),
  );
  if (files.length > 0) {
    parts.push('## Evidence', files.map((f) => `- ${inlineCode(f.fileName)}`).join('\n'));
  }
  parts.push('---', `Filed by Study Group · marker ${inlineCode(marker)}`);
  return `${parts.join('\n\n')}\n`;
}

function stepLine(step: Step): string {
  const at = formatOffset(step.offsetMs);
  return step.type === 'page'
    ? `- ${at} opened ${inlineCode(step.url) || 'a page'}`
    : `- ${at} clicked "${escapeMarkdown(step.target)}"`;
}

function issueLabels(input: IssueDraftInput, marker: string): string[] {
  const tags = input.finding.tagIds.map((id) => fileSlug(input.tagLabels[id] ?? id, 'tag'));
  const all = [...input.defaultLabels.map((l) => l.trim()).filter(Boolean), ...tags, marker];
  return [...new Set(all)];
}

function extension(mime: string): string {
  if (mime === 'image/png') return 'png';
  if (mime === 'image/webp') return 'webp';
  return 'jpg';
}

function issueAttachments(input: IssueDraftInput): IssueAttachment[] {
  const findingSlug = fileSlug(input.finding.title, 'finding', 40);
  const counts = new Map<string, number>();
  return input.screenshots.map((shot) => {
    const who = fileSlug(shot.participant, 'participant', 30);
    const n = (counts.get(who) ?? 0) + 1;
    counts.set(who, n);
    return {
      fileName: `${findingSlug}-${who}-${n}.${extension(shot.mime)}`,
      mime: shot.mime,
      data: shot.data,
    };
  });
}
