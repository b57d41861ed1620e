import {
  DETECTOR_LABELS,
  type AnnotationRecord,
  type Finding,
  type FindingKind,
  type FindingOverrideRecord,
  type FindingStatus,
  type FrictionTag,
  type PinnedElement,
  type Severity,
} from '../contracts';
import { elementName, isWeakElementKey } from './element-key';
import { fingerprintParts, joinParts, kindOf } from './fingerprint';
import { stableHash } from './hash';
import { normalizeMessage, normalizePath } from './normalize';
import { priorityOf } from './priority';

/**
 * The version of the rules that turn annotations into findings. Overrides
 * remember the version they were made under; bump it when a change here can
 * move annotations between findings or change finding ids.
 */
export const CLUSTER_RULES_VERSION = 1;

export interface ClusterInput {
  annotation: AnnotationRecord;
  /** The session's participant alias. */
  participant: string;
  sessionId: string;
  /** The session's friction tags, for the titles' labels. */
  tags: FrictionTag[];
}

interface Item extends ClusterInput {
  fingerprint: string;
  /** The fingerprint with the element left out, or null without an element: what a box may join on. */
  besideElement: string | null;
  weak: boolean;
  page: string;
  /** Who reach counts: the alias, or the session when it has none. */
  who: string;
}

interface Draft {
  id: string;
  fingerprint: string;
  items: Item[];
  title: string | null;
  status: FindingStatus;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byTsThenId = (a: Item, b: Item) =>
  a.annotation.ts - b.annotation.ts || compare(a.annotation.id, b.annotation.id);

export const findingIdOf = (fingerprintText: string): string => `f-${stableHash(fingerprintText)}`;

function toItem(input: ClusterInput): Item {
  const parts = fingerprintParts(input.annotation);
  return {
    ...input,
    fingerprint: joinParts(parts),
    besideElement: parts.element === null ? null : joinParts({ ...parts, element: null }),
    weak: parts.element !== null && isWeakElementKey(parts.element),
    page: parts.page,
    who: input.participant.trim() || `session:${input.sessionId}`,
  };
}

type Rect = PinnedElement['rect'];

/** How much two boxes overlap, over the smaller one's area (0-1). */
function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const smaller = Math.min(a.width * a.height, b.width * b.height);
  if (width <= 0 || height <= 0 || !(smaller > 0)) return 0;
  return (width * height) / smaller;
}

/** Boxes must cover each other this much for a weakly named element to join a named one. */
const MIN_OVERLAP = 0.5;

/**
 * An element known only by its structural path joins the finding of a named
 * element it overlaps most on the same page, about the same thing: older
 * annotations have no identity, and a positional path must not decide.
 */
function joinWeakByBox(items: Item[]): void {
  const named = items.filter((i) => i.besideElement !== null && !i.weak);
  for (const item of items) {
    const target = item.annotation.target;
    if (!target || !item.weak) continue;
    let best: { score: number; fingerprint: string } | null = null;
    for (const other of named) {
      if (other.besideElement !== item.besideElement || !other.annotation.target) continue;
      const score = overlap(target.rect, other.annotation.target.rect);
      if (score < MIN_OVERLAP) continue;
      if (
        !best ||
        score > best.score ||
        (score === best.score && compare(other.fingerprint, best.fingerprint) < 0)
      ) {
        best = { score, fingerprint: other.fingerprint };
      }
    }
    if (best) item.fingerprint = best.fingerprint;
  }
}

function group(items: Item[]): Map<string, Draft> {
  const byFingerprint = new Map<string, Item[]>();
  for (const item of items) {
    const list = byFingerprint.get(item.fingerprint) ?? [];
    list.push(item);
    byFingerprint.set(item.fingerprint, list);
  }
  const drafts = new Map<string, Draft>();
  for (const key of [...byFingerprint.keys()].sort(compare)) {
    let id = findingIdOf(key);
    // Two fingerprints with one hash: the later one in sorted order steps aside, the same way every time.
    for (let n = 2; drafts.has(id); n += 1) id = findingIdOf(`${key}#${n}`);
    drafts.set(id, {
      id,
      fingerprint: key,
      items: byFingerprint.get(key) ?? [],
      title: null,
      status: 'new',
    });
  }
  return drafts;
}

/** Applies one override; false when its finding (or a finding it needs) is not there. */
function apply(drafts: Map<string, Draft>, record: FindingOverrideRecord): boolean {
  const { override } = record;
  const finding = drafts.get(override.findingId);
  if (!finding) return false;
  switch (override.type) {
    case 'rename':
      finding.title = override.title;
      return true;
    case 'status':
      finding.status = override.status;
      return true;
    case 'merge': {
      const other = drafts.get(override.otherId);
      if (!other) return false;
      if (other === finding) return true;
      finding.items = [...finding.items, ...other.items];
      drafts.delete(other.id);
      return true;
    }
    case 'split': {
      if (drafts.has(override.newFindingId)) return false;
      const moving = new Set(override.annotationIds);
      const moved = finding.items.filter((i) => moving.has(i.annotation.id));
      if (moved.length === 0) return false;
      finding.items = finding.items.filter((i) => !moving.has(i.annotation.id));
      if (finding.items.length === 0) drafts.delete(finding.id);
      drafts.set(override.newFindingId, {
        id: override.newFindingId,
        fingerprint: `${finding.fingerprint}~${override.newFindingId}`,
        items: moved,
        title: null,
        status: 'new',
      });
      return true;
    }
  }
}

function labelsOf(items: Item[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const item of [...items].sort(byTsThenId)) {
    for (const tag of item.tags) if (!labels.has(tag.id)) labels.set(tag.id, tag.label);
  }
  return labels;
}

/** Tag ids by how often they occur, then by id. */
function rankedTags(items: Item[]): string[] {
  const counts = new Map<string, number>();
  for (const { annotation } of items) {
    const kind = kindOf(annotation);
    if (kind.type === 'tag') counts.set(kind.tagId, (counts.get(kind.tagId) ?? 0) + 1);
  }
  return [...counts.keys()].sort(
    (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || compare(a, b),
  );
}

const quoted = (text: string, max = 60) =>
  `“${text.length > max ? `${text.slice(0, max - 1)}…` : text}”`;

function detectorTitle(first: Item): string {
  const { annotation } = first;
  const detector = annotation.detector ?? 'dead-click';
  const evidence = annotation.evidence ?? {};
  const label = DETECTOR_LABELS[detector];
  const name = elementName(annotation.target);
  switch (detector) {
    case 'js-error': {
      const messages = evidence.messages;
      const message = Array.isArray(messages) && typeof messages[0] === 'string' ? messages[0] : '';
      return message ? `${label} ${quoted(normalizeMessage(message))}` : label;
    }
    case 'failed-request': {
      const method = typeof evidence.method === 'string' ? `${evidence.method.toUpperCase()} ` : '';
      const url = typeof evidence.url === 'string' ? normalizePath(evidence.url) : '';
      const status = typeof evidence.status === 'number' ? ` (${evidence.status})` : '';
      return `${label} ${method}${url}${status}`.trim();
    }
    case 'error-page':
      return typeof evidence.status === 'number' && evidence.status > 0
        ? `${label} (${evidence.status})`
        : label;
    case 'u-turn':
      return typeof evidence.away === 'string'
        ? `${label} via ${normalizePath(evidence.away)}`
        : label;
    case 'repeated-form-error': {
      const field = name ?? (typeof evidence.field === 'string' ? evidence.field : null);
      return field ? `${label} on ${quoted(field)}` : label;
    }
    case 'rage-click':
    case 'dead-click':
    case 'slow-page':
      return name ? `${label} on ${quoted(name)}` : label;
  }
}

/** A title to start from: what, on which element, on which page. */
function suggestedTitle(items: Item[], kind: FindingKind): string {
  const first = [...items].sort(byTsThenId)[0];
  if (!first) return '';
  let what: string;
  if (kind.type === 'tag') {
    const labels = labelsOf(items);
    const tags = rankedTags(items).map((id) => labels.get(id) ?? id);
    const name = elementName(first.annotation.target);
    what = `${tags.join(' / ')}${name ? ` on ${quoted(name)}` : ''}`;
  } else {
    what = detectorTitle(first);
  }
  return `${what} · ${first.page}`;
}

function finish(draft: Draft, participants: number): Finding {
  const items = [...draft.items].sort(byTsThenId);
  const tags = rankedTags(items);
  const first = items[0];
  const firstKind = first ? kindOf(first.annotation) : null;
  const kind: FindingKind =
    firstKind?.type === 'detector' ? firstKind : { type: 'tag', tagId: tags[0] ?? 'untagged' };
  const reach = new Set(items.map((i) => i.who)).size;
  const worstSeverity = items.reduce<Severity>(
    (worst, i) => (i.annotation.severity > worst ? i.annotation.severity : worst),
    1,
  );
  const share = reach / Math.max(participants, reach, 1);
  return {
    id: draft.id,
    fingerprint: draft.fingerprint,
    title: draft.title ?? suggestedTitle(items, kind),
    kind,
    status: draft.status,
    annotationIds: items.map((i) => i.annotation.id),
    sessionIds: [...new Set(items.map((i) => i.sessionId))].sort(compare),
    reach,
    worstSeverity,
    tagIds: [...tags].sort(compare),
    pages: [...new Set(items.map((i) => i.page))].sort(compare),
    priority: priorityOf(share, worstSeverity),
  };
}

const byPriority = (a: Finding, b: Finding) =>
  b.priority - a.priority ||
  b.worstSeverity - a.worstSeverity ||
  b.reach - a.reach ||
  compare(a.title, b.title) ||
  compare(a.id, b.id);

/**
 * A study's annotations as findings, most pressing first. Dismissed
 * annotations are left out. Overrides apply in createdAt order (then id);
 * one whose finding is gone is returned in `staleOverrides`, not applied.
 * The result does not depend on the order of `items` or `overrides`.
 * `participants` is the study's number of participants, for reach shares.
 */
export function clusterFindings(input: {
  items: ClusterInput[];
  overrides: FindingOverrideRecord[];
  participants: number;
}): { findings: Finding[]; staleOverrides: FindingOverrideRecord[] } {
  const seen = new Set<string>();
  const items = input.items
    .filter((i) => i.annotation.dismissed !== true)
    .map(toItem)
    .sort((a, b) => compare(a.annotation.id, b.annotation.id) || compare(a.sessionId, b.sessionId))
    .filter((i) => !seen.has(i.annotation.id) && Boolean(seen.add(i.annotation.id)));
  joinWeakByBox(items);
  const drafts = group(items);
  const staleOverrides: FindingOverrideRecord[] = [];
  const overrides = [...input.overrides].sort(
    (a, b) => a.createdAt - b.createdAt || compare(a.id, b.id),
  );
  for (const record of overrides) if (!apply(drafts, record)) staleOverrides.push(record);
  const findings = [...drafts.values()].map((d) => finish(d, input.participants)).sort(byPriority);
  return { findings, staleOverrides };
}
