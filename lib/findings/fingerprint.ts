import type { AnnotationRecord, DetectorType, FindingKind } from '../contracts';
import { elementKey } from './element-key';
import { normalizeMessage, normalizePath } from './normalize';

/** What an annotation is about: its detector, or its tag ('untagged' when it has none). */
export function kindOf(annotation: AnnotationRecord): FindingKind {
  if (annotation.kind === 'auto' && annotation.detector) {
    return { type: 'detector', detector: annotation.detector };
  }
  return { type: 'tag', tagId: annotation.tagId ?? 'untagged' };
}

// Evidence comes from recorded pages (and imported bundles): read it defensively.
const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;
const integer = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;

function firstMessage(evidence: Record<string, unknown>): string | null {
  const { messages } = evidence;
  return Array.isArray(messages) ? text(messages[0]) : null;
}

/** The part of a detector's evidence that tells one problem from another on the same page. */
function detail(detector: DetectorType, evidence: Record<string, unknown>): string {
  switch (detector) {
    case 'js-error': {
      const message = firstMessage(evidence);
      return `msg:${message === null ? '' : normalizeMessage(message)}`;
    }
    case 'failed-request': {
      const url = text(evidence.url);
      const method = text(evidence.method)?.toUpperCase() ?? '';
      return `req:${method} ${url === null ? '' : normalizePath(url)} ${integer(evidence.status) ?? ''}`;
    }
    case 'error-page':
      return `status:${integer(evidence.status) ?? ''}`;
    case 'u-turn': {
      const away = text(evidence.away);
      return `away:${away === null ? '' : normalizePath(away)}`;
    }
    case 'repeated-form-error':
      return `field:${text(evidence.field) ?? ''}`;
    case 'rage-click':
    case 'dead-click':
    case 'slow-page':
      return '';
  }
}

/** A fingerprint's parts; `element` is null when the annotation points at none. */
export interface FingerprintParts {
  /** 'tags' for a manual tag on an element (any tag), else `tag:<id>` or `detector:<type>`. */
  about: string;
  page: string;
  element: string | null;
  detail: string;
}

export function fingerprintParts(annotation: AnnotationRecord): FingerprintParts {
  const page = normalizePath(annotation.url);
  const element = elementKey(annotation.target);
  const kind = kindOf(annotation);
  if (kind.type === 'tag') {
    return { about: element === null ? `tag:${kind.tagId}` : 'tags', page, element, detail: '' };
  }
  const evidence = annotation.evidence ?? {};
  return {
    about: `detector:${kind.detector}`,
    page,
    element,
    detail: detail(kind.detector, evidence),
  };
}

export const joinParts = ({ about, page, element, detail }: FingerprintParts): string =>
  [about, page, element ?? '', detail].join('|');

/**
 * What one annotation is about, as a string equal for every annotation about
 * the same problem: the page (normalised path), the element (elementKey) and,
 * for a detector, the detector and what tells its problems apart (error
 * message, request, status…). Manual tags on an element share one fingerprint
 * whatever their tag: 'confusing' and 'stuck' on the same button are one
 * problem. Without an element a manual tag is one per tag and page.
 */
export const fingerprint = (annotation: AnnotationRecord): string =>
  joinParts(fingerprintParts(annotation));
