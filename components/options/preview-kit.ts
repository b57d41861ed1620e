import { parseOriginList } from '@/lib/urls';
import type { KitDraft } from '@/lib/studies';
import type { StudyKit } from '@/lib/contracts';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * The kit a participant would get from the form as it is now, unsaved edits
 * included: the preview shows a half-done study too, so nothing here refuses.
 */
export function previewKit(draft: KitDraft): StudyKit {
  const timeBox = Number(draft.timeBoxText.trim());
  const round = Number(draft.roundText.trim());
  return {
    id: draft.id,
    title: draft.title.trim(),
    scenario: draft.scenario,
    persona: draft.persona.trim(),
    goal: draft.goal.trim(),
    tasks: draft.tasks.map((t) => ({ ...t, title: t.title.trim(), doneWhen: t.doneWhen.trim() })),
    rules: draft.rules.map((r) => r.text.trim()).filter(Boolean),
    origins: parseOriginList(draft.originsText).origins,
    timeBoxMinutes: draft.timeBoxText.trim() && Number.isInteger(timeBox) ? timeBox : null,
    round: Number.isInteger(round) && round > 0 ? round : 1,
    tags: draft.tags,
    privacy: {
      blockSelectors: lines(draft.blockText),
      maskSelectors: lines(draft.maskText),
      keepFullUrls: draft.keepFullUrls,
    },
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
  };
}

/** What the options page sends its preview frames. */
export interface PreviewMessage {
  type: 'sg-kit-preview';
  kit: StudyKit;
  /** Which task the task panel shows, from 0. */
  taskIndex: number;
}

export function isPreviewMessage(data: unknown): data is PreviewMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Partial<PreviewMessage>;
  return (
    message.type === 'sg-kit-preview' &&
    typeof message.kit === 'object' &&
    message.kit !== null &&
    Array.isArray(message.kit.tasks) &&
    typeof message.taskIndex === 'number'
  );
}
