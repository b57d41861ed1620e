import type { StudyGroupDb } from './db';
import type { FindingOverrideRecord } from '../contracts';

/** The order overrides are applied in: oldest first, ties by id so it is total. */
function appliedOrder(a: FindingOverrideRecord, b: FindingOverrideRecord): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A study's findings overrides, in the order they are applied. */
export async function listFindingOverrides(
  db: StudyGroupDb,
  studyKey: string,
): Promise<FindingOverrideRecord[]> {
  return listFindingOverridesOf(db, [studyKey]);
}

/** The overrides of every given study (for a bundle of their sessions), in the order they are applied. */
export async function listFindingOverridesOf(
  db: StudyGroupDb,
  studyKeys: string[],
): Promise<FindingOverrideRecord[]> {
  if (studyKeys.length === 0) return [];
  const rows = await db.findingOverrides.where('studyKey').anyOf(studyKeys).toArray();
  return rows.sort(appliedOrder);
}
