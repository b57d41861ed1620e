import type { RecorderPrivacy } from '../messaging';

/**
 * The DOM channel between the isolated recorder and the page-world (MAIN)
 * script. Details are JSON strings: objects do not cross worlds. The page can
 * read and forge these events, so each side treats what it receives as
 * untrusted; privacy floors are fixed in the page-world code, not sent.
 */
export const COMMAND_EVENT = 'studygroup:command';
export const BATCH_EVENT = 'studygroup:batch';

export type PageCommand = { type: 'start'; privacy: RecorderPrivacy } | { type: 'stop' };

/** Longest batch text the isolated side forwards (a huge page's FullSnapshot fits). */
export const MAX_PAYLOAD_CHARS = 32 * 1024 * 1024;
