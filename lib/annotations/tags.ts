import { DEFAULT_TAGS } from '../studies';
import type { FrictionTag, SessionRecord } from '../contracts';

/** Tags of a quick session (no kit): the default set, with ids from their labels. */
export const QUICK_SESSION_TAGS: FrictionTag[] = DEFAULT_TAGS.map((tag) => ({
  ...tag,
  id: tag.label.toLowerCase(),
}));

export function tagsOf(session: Pick<SessionRecord, 'study'>): FrictionTag[] {
  return session.study?.tags ?? QUICK_SESSION_TAGS;
}
