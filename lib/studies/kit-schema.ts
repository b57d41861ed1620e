import { z } from 'zod';
// The module itself, not lib/storage's index: a kit needs no database.
import { formatZodIssues } from '../files';
import { timeSchema } from '../storage';
import { isHttpOrigin } from '../urls';

import { KIT_EXTENSION, KIT_FORMAT, KIT_VERSION } from '../contracts';
import type { StudyKit } from '../contracts';

export { KIT_EXTENSION, KIT_FORMAT, KIT_VERSION };

/** Limits of a kit, enforced on save and on import (docs/kit-format.md). */
export const KIT_LIMITS = {
  /** The file as picked, checked before it is read. */
  fileBytes: 1024 * 1024,
  id: 100,
  title: 200,
  scenario: 20_000,
  persona: 2_000,
  goal: 1_000,
  tasks: 30,
  taskTitle: 200,
  doneWhen: 500,
  rules: 20,
  rule: 500,
  origins: 20,
  origin: 500,
  tags: 9,
  tagLabel: 40,
  timeBoxMinutes: 600,
  round: 99,
  /** The same as the privacy settings (lib/settings/privacy.ts). */
  selectors: 100,
  selector: 500,
} as const;

const count = (n: number) => n.toLocaleString('en-US');

/** A string with a message that says what is too long, by how much. */
const text = (label: string, max: number) =>
  z.string().max(max, {
    error: (issue) =>
      `${label} is ${count((issue.input as string).length)} characters; at most ${count(max)} are allowed.`,
  });

const required = (label: string, max: number) =>
  text(label, max)
    .trim()
    .min(1, { error: `${label} is empty.` });

const list = <T extends z.ZodType>(item: T, noun: string, max: number) =>
  z.array(item).max(max, {
    error: (issue) =>
      `There are ${count((issue.input as unknown[]).length)} ${noun}; at most ${count(max)} are allowed.`,
  });

const id = text('An id', KIT_LIMITS.id).min(1, { error: 'An id is empty.' });
const time = timeSchema.int();

const origin = text('An origin', KIT_LIMITS.origin).refine(isHttpOrigin, {
  error: (issue) =>
    `“${String(issue.input)}” is not an http(s) origin such as https://app.example.com (no path, no trailing slash).`,
});

/** Reports the second of two items sharing a value, at that item (or its field). */
function unique<T>(
  valueOf: (item: T) => string,
  field: string | null,
  describe: (value: string) => string,
) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const value = valueOf(item);
      if (seen.has(value)) {
        ctx.addIssue({
          code: 'custom',
          path: field === null ? [i] : [i, field],
          message: describe(value),
        });
      }
      seen.add(value);
    });
  };
}

const task = z.object({
  id,
  title: required('A task title', KIT_LIMITS.taskTitle),
  doneWhen: text('A task’s “Done when”', KIT_LIMITS.doneWhen),
});

const tag = z.object({
  id,
  label: required('A tag label', KIT_LIMITS.tagLabel),
  color: z.string().regex(/^#[0-9a-f]{6}$/i, { error: 'A tag colour is #rrggbb, e.g. #6941c6.' }),
  key: z.string().regex(/^[1-9]$/, { error: 'A tag key is one digit from 1 to 9.' }),
});

const selectorList = list(
  required('A selector', KIT_LIMITS.selector),
  'selectors',
  KIT_LIMITS.selectors,
);

export const kitSchema: z.ZodType<StudyKit> = z.object({
  id,
  title: required('The title', KIT_LIMITS.title),
  scenario: text('The scenario', KIT_LIMITS.scenario),
  persona: text('The persona', KIT_LIMITS.persona),
  goal: text('The goal', KIT_LIMITS.goal),
  tasks: list(task, 'tasks', KIT_LIMITS.tasks).superRefine(
    unique(
      (t) => t.id,
      'id',
      (v) => `Task id “${v}” is used twice.`,
    ),
  ),
  rules: list(required('A rule', KIT_LIMITS.rule), 'rules', KIT_LIMITS.rules),
  origins: list(origin, 'origins', KIT_LIMITS.origins).superRefine(
    unique(
      (o) => o,
      null,
      (v) => `The origin ${v} is listed twice.`,
    ),
  ),
  timeBoxMinutes: z
    .number()
    .int({ error: 'The time box is a whole number of minutes.' })
    .min(1, { error: 'The time box is at least 1 minute.' })
    .max(KIT_LIMITS.timeBoxMinutes, {
      error: `The time box is at most ${KIT_LIMITS.timeBoxMinutes} minutes.`,
    })
    .nullable(),
  // Added within version 1: a kit without it is its first round.
  round: z
    .number()
    .int({ error: 'The round is a whole number.' })
    .min(1, { error: 'The round is at least 1.' })
    .max(KIT_LIMITS.round, { error: `The round is at most ${KIT_LIMITS.round}.` })
    .optional(),
  tags: list(tag, 'tags', KIT_LIMITS.tags)
    .superRefine(
      unique(
        (t) => t.key,
        'key',
        (v) => `Key ${v} is used by two tags; each tag needs its own key.`,
      ),
    )
    .superRefine(
      unique(
        (t) => t.id,
        'id',
        (v) => `Tag id “${v}” is used twice.`,
      ),
    ),
  privacy: z.object({
    blockSelectors: selectorList,
    maskSelectors: selectorList,
    // Added within version 1: kits without it keep the default, URLs without query values.
    keepFullUrls: z.boolean().optional(),
  }),
  status: z.enum(['draft', 'ready']).optional(),
  createdAt: time,
  updatedAt: time,
});

export const kitFileSchema = z.object({
  format: z.literal(KIT_FORMAT),
  version: z.literal(KIT_VERSION),
  exportedAt: z.string().max(100),
  kit: kitSchema,
});

export type KitFile = z.infer<typeof kitFileSchema>;

/** Shorter messages than zod's defaults for the usual mistakes of a hand-edited file. */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined) return 'missing';
  const got =
    issue.input === null ? 'null' : Array.isArray(issue.input) ? 'array' : typeof issue.input;
  return `expected ${issue.expected}, got ${got}`;
};

export type KitResult = { type: 'ok'; kit: StudyKit } | { type: 'error'; message: string };

/** Validate a kit as stored (no file envelope); paths in messages start at the kit's fields. */
export function validateKit(value: unknown): KitResult {
  const parsed = kitSchema.safeParse(value, { error: errorMap });
  return parsed.success
    ? { type: 'ok', kit: parsed.data }
    : { type: 'error', message: formatZodIssues(parsed.error, 'kit') };
}

export function validateKitFile(value: unknown): KitResult {
  const parsed = kitFileSchema.safeParse(value, { error: errorMap });
  if (!parsed.success) return { type: 'error', message: formatZodIssues(parsed.error, 'file') };
  // Kit files are never drafts: whatever a hand-edited file says, an imported kit is ready.
  const kit = { ...parsed.data.kit };
  delete kit.status;
  return { type: 'ok', kit };
}

/** Whether participants may be offered the kit: every kit but a draft. */
export const isReadyKit = (kit: Pick<StudyKit, 'status'>) => kit.status !== 'draft';
