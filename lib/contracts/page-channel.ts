import type { RecorderPrivacy } from './protocol';

/**
 * The vocabulary of the private channel between the isolated recorder and the
 * page-world script (lib/recording/page-channel.ts has how the two meet).
 */
export const ANNOUNCE_EVENT = 'studygroup:announce';

/** Event types on the private node. Details are strings: objects do not cross worlds. */
export const CHANNEL = {
  ready: 'sg:ready',
  /** isolated -> page: a JSON `PageCommand`. */
  command: 'sg:command',
  /** page -> isolated: a batch's JSON text (`PagePayload`), forwarded unparsed. */
  batch: 'sg:batch',
  /** page -> isolated: a page error or console.error (JSON, see probe-events.ts). */
  probe: 'sg:probe',
  /** page -> isolated: an exception in our own page-world code, as text. */
  fault: 'sg:fault',
} as const;

export type ChannelType = Exclude<(typeof CHANNEL)[keyof typeof CHANNEL], 'sg:ready'>;

/**
 * `start` carries the privacy selectors once: the page-world recorder keeps
 * the first it is given for the life of the page. `flush` hands over what is
 * buffered synchronously (the page is about to go away).
 */
export type PageCommand =
  { type: 'start'; privacy: RecorderPrivacy } | { type: 'stop' } | { type: 'flush' };

/** Longest batch text the isolated side forwards (a huge page's FullSnapshot fits). */
export const MAX_PAYLOAD_CHARS = 32 * 1024 * 1024;
