import type { FindingOverrideRecord } from '../contracts';
import type { Draft } from './draft';

/** Applies one override; false when its finding (or a finding it needs) is not there. */
export function applyOverride(drafts: Map<string, Draft>, record: FindingOverrideRecord): boolean {
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
