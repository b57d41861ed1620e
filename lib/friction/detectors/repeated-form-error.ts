import type { Context } from '../context';

interface FieldState {
  /** Times the field became invalid. */
  count: number;
  invalid: boolean;
  lastTs: number;
  times: number[];
}

export type FormErrorState = Record<string, FieldState>;

const MAX_FIELDS = 200;
const MAX_TIMES = 5;
/**
 * Marked invalid again this long after the last time counts as a new error even
 * without a recorded "valid" in between: rrweb drops an attribute set to the
 * value it already has, so "clear errors, validate again" shows only as a repeat.
 */
const SEPARATE_MS = 1_000;

const isInvalid = (value: unknown) => typeof value === 'string' && value.toLowerCase() === 'true';

/** A field's aria-invalid was recorded (snapshot, added node or attribute change). */
export function formFieldValidity(
  fields: FormErrorState,
  field: { nodeId: number; name: string | undefined; value: unknown; ts: number },
  ctx: Context,
) {
  const { nodeId, name, value, ts } = field;
  const key = String(nodeId);
  let state = fields[key];
  if (!isInvalid(value)) {
    if (state) state.invalid = false;
    return;
  }
  if (!state) {
    if (Object.keys(fields).length >= MAX_FIELDS) return;
    state = { count: 0, invalid: false, lastTs: ts, times: [] };
    fields[key] = state;
  }
  const again = !state.invalid || ts - state.lastTs >= SEPARATE_MS;
  state.invalid = true;
  state.lastTs = ts;
  if (!again) return;
  state.count += 1;
  if (state.times.length < MAX_TIMES) state.times.push(ts);
  if (state.count !== ctx.thresholds.repeatedFormError.times) return;
  ctx.report('repeated-form-error', ts, 2, key, {
    nodeId,
    field: name ?? null,
    count: state.count,
    times: [...state.times],
  });
}
