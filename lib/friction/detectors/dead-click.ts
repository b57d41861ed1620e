import type { Context } from '../context';

interface PendingClick {
  ts: number;
  nodeId: number;
  /** Clicks on the same node while it waits: one detection for all of them. */
  clicks: number;
  x: number | null;
  y: number | null;
}

export interface DeadClickState {
  /** Clicks on interactive-looking elements still waiting for the page to answer. */
  pending: PendingClick[];
  /** The last mouse button or finger down, and the page's last answer. */
  pressedAt: number | null;
  answeredAt: number | null;
}

const MAX_PENDING = 20;
/** Longest press still taken for part of a click. */
const PRESS_MS = 2_000;

export const initialDeadClick = (): DeadClickState => ({
  pending: [],
  pressedAt: null,
  answeredAt: null,
});

export function deadClickPress(state: DeadClickState, ts: number) {
  state.pressedAt = ts;
}

/** The page's sg-click signal: the click landed on something that looks interactive. */
export function deadClickCandidate(state: DeadClickState, ts: number, nodeId: number) {
  const { pressedAt, answeredAt } = state;
  // Menus often open on mousedown: the page answered before the click event.
  if (pressedAt !== null && answeredAt !== null && answeredAt >= pressedAt) {
    if (ts - pressedAt <= PRESS_MS) return;
  }
  const same = state.pending.find((p) => p.nodeId === nodeId);
  if (same) same.clicks += 1;
  else if (state.pending.length < MAX_PENDING) {
    state.pending.push({ ts, nodeId, clicks: 1, x: null, y: null });
  }
}

/** rrweb's own click event follows the signal and knows where it was. */
export function deadClickPosition(state: DeadClickState, nodeId: number, x: number, y: number) {
  const pending = state.pending.find((p) => p.nodeId === nodeId && p.x === null);
  if (pending) Object.assign(pending, { x, y });
}

/** The page answered (DOM, request, navigation): no click waiting now is dead. */
export function deadClickAnswered(state: DeadClickState, ts: number) {
  state.pending = [];
  state.answeredAt = ts;
}

/**
 * A field's value changed: that answers a waiting click (a toggle), not a
 * press: the field the press takes focus from records its change then too.
 */
export function deadClickInput(state: DeadClickState) {
  state.pending = [];
}

/** Time has gone past some clicks' wait without an answer: those clicks were dead. */
export function deadClickExpire(state: DeadClickState, now: number, ctx: Context) {
  const { waitMs } = ctx.thresholds.deadClick;
  const dead = state.pending.filter((p) => now - p.ts > waitMs);
  if (dead.length === 0) return;
  for (const click of dead) {
    ctx.report(
      'dead-click',
      click.ts,
      2,
      `${click.ts}:${click.nodeId}`,
      { nodeId: click.nodeId, x: click.x, y: click.y, clicks: click.clicks, waitedMs: waitMs },
      ctx.targetOf(click.nodeId, click),
    );
  }
  state.pending = state.pending.filter((p) => !dead.includes(p));
}
