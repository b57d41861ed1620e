import type { Context } from '../context';
import type { Detection } from '../types';

const MAX_MESSAGES = 5;
/** Reported as errors by browsers, harmless by specification: no page is broken by them. */
const BENIGN =
  /^(?:Uncaught )?(?:Error: )?ResizeObserver loop (?:limit exceeded|completed with undelivered notifications)/;

// A type alias, not an interface: evidence is a Record<string, unknown>.
type ErrorEvidence = { errors: number; messages: string[] };

/**
 * One detection per page load, reported at its first error; errors later in the
 * same batch still join its evidence (`open` lives for one batch).
 */
export function jsError(
  page: { errors: number },
  open: { jsError?: { detection: Detection; evidence: ErrorEvidence } },
  message: string,
  ts: number,
  ctx: Context,
) {
  if (BENIGN.test(message)) return;
  page.errors += 1;
  if (page.errors === 1) {
    const evidence: ErrorEvidence = { errors: 1, messages: [message] };
    open.jsError = { detection: ctx.report('js-error', ts, 2, 'errors', evidence), evidence };
    return;
  }
  if (!open.jsError) return;
  const { detection, evidence } = open.jsError;
  evidence.errors = page.errors;
  if (evidence.messages.length < MAX_MESSAGES) evidence.messages.push(message);
  // Several errors on one page usually mean it is broken, not just noisy.
  if (page.errors >= 3) detection.severity = 3;
}
