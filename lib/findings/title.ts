import { DETECTOR_LABELS, type DetectorType, type FindingKind } from '../contracts';
import { byTsThenId, compare, type Item } from './draft';
import { elementName } from './element-key';
import { kindOf } from './fingerprint';
import { normalizeMessage, normalizePath } from './normalize';

function labelsOf(items: Item[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const item of [...items].sort(byTsThenId)) {
    for (const tag of item.tags) if (!labels.has(tag.id)) labels.set(tag.id, tag.label);
  }
  return labels;
}

/** Tag ids by how often they occur, then by id. */
export function rankedTags(items: Item[]): string[] {
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

function detectorTitle(first: Item, detector: DetectorType): string {
  const { annotation } = first;
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
      return typeof evidence.status === 'number' && evidence.status >= 400
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
export function suggestedTitle(items: Item[], kind: FindingKind): string {
  const first = [...items].sort(byTsThenId)[0];
  if (!first) return '';
  let what: string;
  if (kind.type === 'tag') {
    const labels = labelsOf(items);
    const tags = rankedTags(items).map((id) => labels.get(id) ?? id);
    const name = elementName(first.annotation.target);
    what = `${tags.join(' / ')}${name ? ` on ${quoted(name)}` : ''}`;
  } else {
    what = detectorTitle(first, kind.detector);
  }
  return `${what} · ${first.page}`;
}
