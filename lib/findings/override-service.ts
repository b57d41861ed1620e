import { formatZodIssues } from '../files';
import type { StudyGroupDb } from '../storage';
import { overrideRequestSchema, undoRequestSchema } from './override-schema';
import type { FindingOverrideRecord } from '../contracts';

export type OverrideResult = { type: 'ok'; id: string } | { type: 'error'; message: string };
export type UndoResult = { type: 'ok' } | { type: 'error'; message: string };

export interface OverrideServiceDeps {
  db: StudyGroupDb;
  /** The clustering rules the board clustered with when the decision was made. */
  rulesVersion: number;
  now(): number;
  newId(): string;
}

export interface OverrideService {
  /** Stores a facilitator's decision on a study's findings. */
  override(data: unknown): Promise<OverrideResult>;
  /** Takes a stored decision back. */
  undo(data: unknown): Promise<UndoResult>;
}

/** The background's writer of findings overrides; every request is validated first. */
export function createOverrideService({
  db,
  rulesVersion,
  now,
  newId,
}: OverrideServiceDeps): OverrideService {
  return {
    async override(data) {
      const parsed = overrideRequestSchema.safeParse(data);
      if (!parsed.success) {
        return {
          type: 'error',
          message: `Invalid decision: ${formatZodIssues(parsed.error, 'override')}`,
        };
      }
      const { studyKey, override } = parsed.data;
      try {
        return await db.transaction('rw', db.findingOverrides, async () => {
          // Overrides apply in createdAt order: two decisions in one millisecond
          // (or a clock set back) still apply in the order they were made.
          const latest = await db.findingOverrides
            .where('studyKey')
            .equals(studyKey)
            .toArray()
            .then((rows) => rows.reduce((max, r) => Math.max(max, r.createdAt), -Infinity));
          const record: FindingOverrideRecord = {
            id: newId(),
            studyKey,
            rulesVersion,
            createdAt: Math.max(now(), latest + 1),
            override,
          };
          await db.findingOverrides.add(record);
          return { type: 'ok' as const, id: record.id };
        });
      } catch (error) {
        return { type: 'error', message: `The decision could not be saved: ${String(error)}` };
      }
    },

    async undo(data) {
      const parsed = undoRequestSchema.safeParse(data);
      if (!parsed.success) {
        return { type: 'error', message: `Invalid undo: ${formatZodIssues(parsed.error, 'undo')}` };
      }
      try {
        const deleted = await db.findingOverrides.where('id').equals(parsed.data.id).delete();
        if (deleted === 0) return { type: 'error', message: 'That decision is no longer stored.' };
        return { type: 'ok' };
      } catch (error) {
        return { type: 'error', message: `The decision could not be undone: ${String(error)}` };
      }
    },
  };
}
