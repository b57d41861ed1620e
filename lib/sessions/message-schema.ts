import { z } from 'zod';
import { easeSchema } from '../studies';
import type { TaskEaseRequest, TaskOutcomeRequest, TaskUndoRequest } from '../contracts';

const id = z.string().min(1).max(100);

/** Task messages come from the popup and from content scripts (the overlay): checked like any outside input. */
const taskOutcomeRequestSchema = z.object({
  sessionId: id,
  taskId: id,
  outcome: z.enum(['done', 'gave-up']),
});

const taskUndoRequestSchema = z.object({ sessionId: id, taskId: id });

const taskEaseRequestSchema = z.object({
  sessionId: id,
  taskId: id,
  ease: easeSchema.nullable(),
});

export function parseTaskOutcomeRequest(raw: unknown): TaskOutcomeRequest | null {
  const parsed = taskOutcomeRequestSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function parseTaskEaseRequest(raw: unknown): TaskEaseRequest | null {
  const parsed = taskEaseRequestSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function parseTaskUndoRequest(raw: unknown): TaskUndoRequest | null {
  const parsed = taskUndoRequestSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
