import type { FrictionTag, StudyKit, StudyTask } from '../contracts';
import { findInvalidSelectors } from '../settings';
import { isHttpOrigin, needsSchemeChoice, normalizeOrigin } from '../urls';
import { DEFAULT_TAGS } from './defaults';
import { KIT_LIMITS } from './kit-schema';

/** A rule being edited; the id keeps its input (and focus) stable while others move. */
export interface RuleDraft {
  id: string;
  text: string;
}

/** A kit as the form edits it: free text where the user types lists or numbers. */
export interface KitDraft {
  id: string;
  createdAt: number;
  updatedAt: number;
  title: string;
  scenario: string;
  persona: string;
  goal: string;
  tasks: StudyTask[];
  rules: RuleDraft[];
  originsText: string;
  timeBoxText: string;
  roundText: string;
  tags: FrictionTag[];
  blockText: string;
  maskText: string;
  keepFullUrls: boolean;
  /** As stored: a new or older kit is 'ready'. */
  status: KitStatus;
}

export type KitStatus = NonNullable<StudyKit['status']>;

/**
 * Where a problem is, for the form to mark the field: 'title', 'scenario', 'tasks', 'origins',
 * 'timeBox', 'round', 'block', 'mask', `task:<id>`, `tag:<id>:label`, `tag:<id>:key`.
 */
export interface FieldError {
  field: string;
  message: string;
}

export type DraftResult = { type: 'ok'; kit: StudyKit } | { type: 'error'; errors: FieldError[] };

export const TAG_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** Colours for added tags, after the default ones: each reads at 4.5:1 on white. */
const MORE_TAG_COLORS = ['#175cd3', '#854a0e', '#344054'];

const toLines = (list: string[]) => list.join('\n');
const fromLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export function kitToDraft(kit: StudyKit, newId: () => string): KitDraft {
  return {
    id: kit.id,
    createdAt: kit.createdAt,
    updatedAt: kit.updatedAt,
    title: kit.title,
    scenario: kit.scenario,
    persona: kit.persona,
    goal: kit.goal,
    tasks: kit.tasks.map((task) => ({ ...task })),
    rules: kit.rules.map((text) => ({ id: newId(), text })),
    originsText: toLines(kit.origins),
    timeBoxText: kit.timeBoxMinutes === null ? '' : String(kit.timeBoxMinutes),
    roundText: String(kit.round ?? 1),
    tags: kit.tags.map((tag) => ({ ...tag })),
    blockText: toLines(kit.privacy.blockSelectors),
    maskText: toLines(kit.privacy.maskSelectors),
    keepFullUrls: kit.privacy.keepFullUrls === true,
    status: kit.status ?? 'ready',
  };
}

/**
 * Turn the form into a kit, or say what to fix, field by field. Limits of
 * length and count are left to the kit schema, which saving applies. A ready
 * kit must also be complete enough to give a participant; a draft need not.
 */
export function draftToKit(
  draft: KitDraft,
  tryMatch: (selector: string) => unknown,
  status: KitStatus,
): DraftResult {
  const errors: FieldError[] = [];
  const title = draft.title.trim();
  if (!title) errors.push({ field: 'title', message: 'Give the study a title.' });
  if (status === 'ready' && !draft.scenario.trim() && !draft.goal.trim()) {
    errors.push({
      field: 'scenario',
      message: 'Describe the scenario or the goal: participants need to know who they play.',
    });
  }

  const tasks = draft.tasks.map((task) => ({
    id: task.id,
    title: task.title.trim(),
    doneWhen: task.doneWhen.trim(),
  }));
  if (status === 'ready' && tasks.length === 0)
    errors.push({ field: 'tasks', message: 'Add at least one task for participants to work on.' });
  tasks.forEach((task, i) => {
    if (!task.title)
      errors.push({ field: `task:${task.id}`, message: `Task ${i + 1} needs a title.` });
  });

  const origins = new Set<string>();
  const badOrigins: string[] = [];
  const unsure = schemeChoices(draft.originsText);
  for (const line of fromLines(draft.originsText)) {
    if (unsure.includes(line)) continue;
    const origin = normalizeOrigin(line);
    if (origin && isHttpOrigin(origin)) origins.add(origin);
    else badOrigins.push(line);
  }
  if (badOrigins.length) {
    errors.push({
      field: 'origins',
      message: `Not an http(s) origin: ${badOrigins.join(', ')}`,
    });
  } else if (unsure.length) {
    errors.push({
      field: 'origins',
      message: `Choose http:// or https:// for ${unsure.join(', ')}.`,
    });
  } else if (status === 'ready' && origins.size === 0) {
    errors.push({
      field: 'origins',
      message: 'Add the origin of the product to record, e.g. https://app.example.com.',
    });
  }

  const timeBoxText = draft.timeBoxText.trim();
  const timeBox = timeBoxText === '' ? null : Number(timeBoxText);
  if (
    timeBox !== null &&
    !(Number.isInteger(timeBox) && timeBox >= 1 && timeBox <= KIT_LIMITS.timeBoxMinutes)
  ) {
    errors.push({
      field: 'timeBox',
      message: `The time box is a whole number of minutes from 1 to ${KIT_LIMITS.timeBoxMinutes}, or empty.`,
    });
  }

  const roundText = draft.roundText.trim();
  const round = roundText === '' ? 1 : Number(roundText);
  if (!(Number.isInteger(round) && round >= 1 && round <= KIT_LIMITS.round)) {
    errors.push({
      field: 'round',
      message: `The round is a whole number from 1 to ${KIT_LIMITS.round}.`,
    });
  }

  const tags = draft.tags.map((tag) => ({ ...tag, label: tag.label.trim() }));
  tags.forEach((tag, i) => {
    if (!tag.label)
      errors.push({ field: `tag:${tag.id}:label`, message: `Tag ${i + 1} needs a label.` });
    const first = tags.findIndex((other) => other.key === tag.key);
    if (first < i) {
      errors.push({
        field: `tag:${tag.id}:key`,
        message: `Key ${tag.key} is already used by “${tags[first]!.label}”: each tag needs its own key.`,
      });
    }
  });

  const privacy = {
    blockSelectors: fromLines(draft.blockText),
    maskSelectors: fromLines(draft.maskText),
    keepFullUrls: draft.keepFullUrls,
  };
  for (const [field, selectors] of [
    ['block', privacy.blockSelectors],
    ['mask', privacy.maskSelectors],
  ] as const) {
    const invalid = findInvalidSelectors(selectors, tryMatch);
    if (invalid.length)
      errors.push({ field, message: `Not a valid CSS selector: ${invalid.join(', ')}` });
  }

  if (errors.length) return { type: 'error', errors };
  return {
    type: 'ok',
    kit: {
      id: draft.id,
      title,
      scenario: draft.scenario,
      persona: draft.persona.trim(),
      goal: draft.goal.trim(),
      tasks,
      rules: draft.rules.map((rule) => rule.text.trim()).filter(Boolean),
      origins: [...origins],
      timeBoxMinutes: timeBox,
      round,
      tags,
      privacy,
      // Ready is left absent, as in kits stored before drafts existed.
      ...(status === 'draft' ? { status } : {}),
      createdAt: draft.createdAt,
      updatedAt: draft.updatedAt,
    },
  };
}

/** The origin lines whose scheme the user should choose rather than have guessed. */
export const schemeChoices = (originsText: string): string[] =>
  fromLines(originsText).filter(needsSchemeChoice);

/** Give one scheme-less origin line the scheme the user chose. */
export const chooseScheme = (
  draft: KitDraft,
  line: string,
  scheme: 'http' | 'https',
): KitDraft => ({
  ...draft,
  originsText: draft.originsText
    .split('\n')
    .map((text) => (text.trim() === line ? `${scheme}://${line}` : text))
    .join('\n'),
});

function move<T>(items: T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || to < 0 || to >= items.length) return items;
  const next = [...items];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

export const addTask = (draft: KitDraft, id: string): KitDraft => ({
  ...draft,
  tasks: [...draft.tasks, { id, title: '', doneWhen: '' }],
});

export const updateTask = (draft: KitDraft, id: string, patch: Partial<StudyTask>): KitDraft => ({
  ...draft,
  tasks: draft.tasks.map((task) => (task.id === id ? { ...task, ...patch } : task)),
});

export const removeTask = (draft: KitDraft, id: string): KitDraft => ({
  ...draft,
  tasks: draft.tasks.filter((task) => task.id !== id),
});

export const moveTask = (draft: KitDraft, id: string, delta: -1 | 1): KitDraft => ({
  ...draft,
  tasks: move(
    draft.tasks,
    draft.tasks.findIndex((task) => task.id === id),
    delta,
  ),
});

export const addRule = (draft: KitDraft, id: string): KitDraft => ({
  ...draft,
  rules: [...draft.rules, { id, text: '' }],
});

export const updateRule = (draft: KitDraft, id: string, text: string): KitDraft => ({
  ...draft,
  rules: draft.rules.map((rule) => (rule.id === id ? { ...rule, text } : rule)),
});

export const removeRule = (draft: KitDraft, id: string): KitDraft => ({
  ...draft,
  rules: draft.rules.filter((rule) => rule.id !== id),
});

/** Whether another tag can be added: there are at most nine, one per key. */
export const canAddTag = (draft: KitDraft) => draft.tags.length < KIT_LIMITS.tags;

/** A new tag on the first free key, in a colour no other tag has (while there are some). */
export function addTag(draft: KitDraft, id: string): KitDraft {
  if (!canAddTag(draft)) return draft;
  const usedKeys = new Set(draft.tags.map((tag) => tag.key));
  const usedColors = new Set(draft.tags.map((tag) => tag.color.toLowerCase()));
  const palette = [...DEFAULT_TAGS.map((tag) => tag.color), ...MORE_TAG_COLORS];
  const key = TAG_KEYS.find((k) => !usedKeys.has(k)) ?? '9';
  const color = palette.find((c) => !usedColors.has(c)) ?? palette[0]!;
  return { ...draft, tags: [...draft.tags, { id, label: 'New tag', key, color }] };
}

export const updateTag = (draft: KitDraft, id: string, patch: Partial<FrictionTag>): KitDraft => ({
  ...draft,
  tags: draft.tags.map((tag) => (tag.id === id ? { ...tag, ...patch } : tag)),
});

export const removeTag = (draft: KitDraft, id: string): KitDraft => ({
  ...draft,
  tags: draft.tags.filter((tag) => tag.id !== id),
});

/** Black or white, whichever reads better on the colour: at least 4.5:1 either way. */
export function textColorOn(background: string): '#000000' | '#ffffff' {
  const channel = (i: number) => {
    const v = parseInt(background.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Equal contrast with black and white at luminance ≈ 0.179.
  return luminance > 0.179 ? '#000000' : '#ffffff';
}
