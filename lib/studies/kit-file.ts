import { BUNDLE_FORMAT } from '../contracts';
import { checkEnvelope, fileSlug, type FileKind } from '../files';
import { findInvalidSelectors } from '../settings';
import {
  KIT_EXTENSION,
  KIT_FORMAT,
  KIT_VERSION,
  validateKitFile,
  type KitResult,
} from './kit-schema';
import type { StudyKit } from '../contracts';

/** What importing a session bundle as a kit says: the one message for JSON and gzipped bundles alike. */
export const BUNDLE_AS_KIT_MESSAGE =
  'This file is a session bundle (recorded sessions), not a study kit: import it on the review page, with “Import bundle”.';

const KIT_FILE: FileKind = {
  format: KIT_FORMAT,
  version: KIT_VERSION,
  noun: 'kit',
  misplaced: {
    [BUNDLE_FORMAT]: BUNDLE_AS_KIT_MESSAGE,
  },
};

/** The kit file's JSON, fields in a fixed order, indented: facilitators may read or diff it. */
export function serializeKit(kit: StudyKit, exportedAt: string): string {
  const { id, title, scenario, persona, goal, tasks, rules, origins, timeBoxMinutes, round } = kit;
  const { tags, privacy, createdAt, updatedAt } = kit;
  const file = {
    format: KIT_FORMAT,
    version: KIT_VERSION,
    exportedAt,
    kit: {
      id,
      title,
      scenario,
      persona,
      goal,
      tasks: tasks.map(({ id, title, doneWhen }) => ({ id, title, doneWhen })),
      rules,
      origins,
      timeBoxMinutes,
      round: round ?? 1,
      tags: tags.map(({ id, label, color, key }) => ({ id, label, color, key })),
      privacy: {
        blockSelectors: privacy.blockSelectors,
        maskSelectors: privacy.maskSelectors,
        keepFullUrls: privacy.keepFullUrls === true,
      },
      createdAt,
      updatedAt,
    },
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function kitFileName(kit: Pick<StudyKit, 'title'>): string {
  return `${fileSlug(kit.title, 'study')}${KIT_EXTENSION}`;
}

export interface ParseKitOptions {
  /**
   * Checks a CSS selector, throwing when it is invalid (e.g.
   * `s => document.createDocumentFragment().querySelector(s)`). Without it,
   * selectors are only checked for length.
   */
  tryMatch?: (selector: string) => unknown;
}

/**
 * Read a kit file's text. Every check runs before the kit is returned, so a
 * kit with any problem is never partly used.
 */
export function parseKitFile(text: string, options: ParseKitOptions = {}): KitResult {
  const envelope = checkEnvelope(text, KIT_FILE);
  if (envelope.type === 'error') return fail(envelope.message);
  const result = validateKitFile(envelope.data);
  if (result.type === 'error') return fail(`The kit is not valid: ${result.message}`);
  if (options.tryMatch) {
    for (const list of ['blockSelectors', 'maskSelectors'] as const) {
      const selectors = result.kit.privacy[list];
      const [invalid] = findInvalidSelectors(selectors, options.tryMatch);
      if (invalid !== undefined) {
        return fail(
          `The kit is not valid: kit.privacy.${list}[${selectors.indexOf(invalid)}]: “${invalid}” is not a valid CSS selector.`,
        );
      }
    }
  }
  return result;
}

const fail = (message: string): KitResult => ({ type: 'error', message });
