import type {
  Finding,
  FindingKind,
  FindingOverrideRecord,
  PinnedElement,
  Severity,
} from '../contracts';
import { byTsThenId, compare, type ClusterInput, type Draft, type Item } from './draft';
import { isWeakElementKey } from './element-key';
import { fingerprintParts, joinParts, kindOf } from './fingerprint';
import { stableHash } from './hash';
import { applyOverride } from './overrides';
import { priorityOf } from './priority';
import { rankedTags, suggestedTitle } from './title';

export type { ClusterInput } from './draft';

/**
 * The version of the rules that turn annotations into findings. Overrides
 * remember the version they were made under; bump it when a change here can
 * move annotations between findings or change finding ids.
 */
export const CLUSTER_RULES_VERSION = 1;

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
  // One annotation given twice (two bundles of one session) counts once.
  const sorted = input.items
    .filter((i) => i.annotation.dismissed !== true)
    .map(toItem)
    .sort((a, b) => compare(a.annotation.id, b.annotation.id) || compare(a.sessionId, b.sessionId));
  const byId = new Map<string, Item>();
  for (const item of sorted) if (!byId.has(item.annotation.id)) byId.set(item.annotation.id, item);
  const items = [...byId.values()];
  joinWeakByBox(items);
  const drafts = group(items);
  const staleOverrides: FindingOverrideRecord[] = [];
  const overrides = [...input.overrides].sort(
    (a, b) => a.createdAt - b.createdAt || compare(a.id, b.id),
  );
  for (const record of overrides) if (!applyOverride(drafts, record)) staleOverrides.push(record);
  const findings = [...drafts.values()].map((d) => finish(d, input.participants)).sort(byPriority);
  return { findings, staleOverrides };
}
