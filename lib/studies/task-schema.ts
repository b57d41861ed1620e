import { z } from 'zod';
import { timeSchema } from '../storage';
import type { Ease, TaskProgress } from '../contracts';

/** A Single Ease Question answer: 1 (very difficult) to 7 (very easy). */
export const easeSchema: z.ZodType<Ease> = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal(5),
  z.literal(6),
  z.literal(7),
]);

/** A session's progress on one task, as stored and as bundles carry it. */
export const taskProgressSchema: z.ZodType<TaskProgress> = z.object({
  taskId: z.string().max(100),
  startedAt: timeSchema.nullable(),
  endedAt: timeSchema.nullable(),
  outcome: z.enum(['done', 'gave-up']).nullable(),
  // Added within version 1: absent in bundles written before it, and while not asked yet.
  ease: easeSchema.nullable().optional(),
});
