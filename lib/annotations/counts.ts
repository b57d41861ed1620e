import type { StudyGroupDb } from '../storage';

/** A session's annotations counted by tag id, automatic ones as `auto:<detector>`. */
export async function countByTag(
  db: StudyGroupDb,
  sessionId: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.annotations
    .where('sessionId')
    .equals(sessionId)
    .each((a) => {
      const key = a.kind === 'manual' ? (a.tagId ?? 'untagged') : `auto:${a.detector}`;
      counts[key] = (counts[key] ?? 0) + 1;
    });
  return counts;
}
