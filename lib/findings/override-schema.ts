import { z } from 'zod';
import type { FindingOverride, FindingOverrideRecord } from '../contracts';

const id = z.string().min(1).max(200);

/** A facilitator's decision, as the board sends it or a bundle carries it. */
export const findingOverrideSchema: z.ZodType<FindingOverride> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rename'), findingId: id, title: z.string().trim().min(1).max(300) }),
  z.object({
    type: z.literal('status'),
    findingId: id,
    status: z.enum(['new', 'accepted', 'wont-fix']),
  }),
  z
    .object({ type: z.literal('merge'), findingId: id, otherId: id })
    .refine((o) => o.otherId !== o.findingId, 'a finding cannot absorb itself'),
  z
    .object({
      type: z.literal('split'),
      findingId: id,
      annotationIds: z.array(id).min(1).max(5_000),
      newFindingId: id,
    })
    .refine((o) => o.newFindingId !== o.findingId, 'the split-off finding needs an id of its own'),
]);

/** `${kitId}#${round}` (studyKey): kit ids are at most 100 characters. */
export const studyKeySchema = z
  .string()
  .min(3)
  .max(120)
  .regex(/^.+#[1-9]\d*$/);

export const findingOverrideRecordSchema: z.ZodType<FindingOverrideRecord> = z.object({
  id,
  studyKey: studyKeySchema,
  rulesVersion: z.number().int().nonnegative(),
  createdAt: z.number().finite().nonnegative(),
  override: findingOverrideSchema,
});

export const overrideRequestSchema = z.object({
  studyKey: studyKeySchema,
  override: findingOverrideSchema,
});

export const undoRequestSchema = z.object({ id });
