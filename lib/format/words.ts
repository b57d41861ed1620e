/**
 * The words the extension's pages use for counts and session states, owned
 * here so the popup, options and review pages say the same thing the same way.
 * The pages are written in English, hence the English plural rules.
 */

import type { EndReason, SessionStatus } from '../contracts';

const RULES = new Intl.PluralRules('en');

/** The noun alone in the right number: `pluralWord(2, 'session')` is "sessions". */
export function pluralWord(count: number, one: string, other = `${one}s`): string {
  return RULES.select(count) === 'one' ? one : other;
}

/** A count with its noun: "1 session", "2 findings", "0 tasks". */
export function plural(count: number, one: string, other?: string): string {
  return `${count} ${pluralWord(count, one, other)}`;
}

const STATUS_LABELS: Record<SessionStatus, string> = {
  recording: 'Recording',
  paused: 'Paused',
  interrupted: 'Interrupted',
  ended: 'Ended',
};

/** A session's state in sentence case; an end that was not the user's says why. */
export function sessionStatusLabel(
  status: SessionStatus,
  endReason: EndReason | null = null,
): string {
  if (status === 'ended' && endReason?.type === 'storage-full') return 'Stopped: storage full';
  if (status === 'ended' && endReason?.type === 'over-budget') return 'Stopped: too much data';
  return STATUS_LABELS[status] ?? String(status);
}
