import type { Context } from '../context';

interface Click {
  ts: number;
  x: number;
  y: number;
  nodeId: number;
}

export interface RageClickState {
  /** Clicks of the last window, oldest first. */
  recent: Click[];
  /** The burst already reported, while it goes on: later clicks in it are the same detection. */
  burst: { x: number; y: number; lastTs: number } | null;
}

const MAX_RECENT = 50;
const MAX_POSITIONS = 20;

export const initialRageClick = (): RageClickState => ({ recent: [], burst: null });

const near = (a: { x: number; y: number }, b: { x: number; y: number }, radius: number) =>
  Math.hypot(a.x - b.x, a.y - b.y) <= radius;

const position = (c: Click) => ({ x: c.x, y: c.y, ts: c.ts });

// A type alias, not an interface: evidence is a Record<string, unknown>.
type RageEvidence = {
  clicks: number;
  spanMs: number;
  positions: ReturnType<typeof position>[];
  nodeIds: number[];
};

/**
 * One detection per burst, reported once it has enough clicks; clicks that go on
 * with it in the same batch join its evidence (`open` lives for one batch).
 */
export function rageClick(
  state: RageClickState,
  open: { rageClick?: RageEvidence },
  click: Click,
  ctx: Context,
) {
  const { clicks: needed, windowMs, radiusPx } = ctx.thresholds.rageClick;
  const { burst } = state;
  if (burst && click.ts - burst.lastTs <= windowMs && near(click, burst, radiusPx)) {
    burst.lastTs = click.ts;
    const evidence = open.rageClick;
    if (evidence) {
      evidence.clicks += 1;
      evidence.spanMs = click.ts - (evidence.positions[0]?.ts ?? click.ts);
      if (evidence.positions.length < MAX_POSITIONS) evidence.positions.push(position(click));
      if (!evidence.nodeIds.includes(click.nodeId)) evidence.nodeIds.push(click.nodeId);
    }
    return;
  }
  state.burst = null;
  state.recent = [...state.recent.filter((c) => click.ts - c.ts <= windowMs), click].slice(
    -MAX_RECENT,
  );
  // The burst is anchored on its first click: every click of it lies within the radius of that one.
  for (const [index, first] of state.recent.entries()) {
    if (!near(click, first, radiusPx)) continue;
    const group = state.recent.slice(index).filter((c) => near(c, first, radiusPx));
    if (group.length < needed) continue;
    const evidence: RageEvidence = {
      clicks: group.length,
      spanMs: click.ts - first.ts,
      positions: group.slice(0, MAX_POSITIONS).map(position),
      nodeIds: [...new Set(group.map((c) => c.nodeId))],
    };
    // Named by the first click's control: where the burst began.
    ctx.report(
      'rage-click',
      first.ts,
      2,
      String(first.ts),
      evidence,
      ctx.targetOf(first.nodeId, first),
    );
    open.rageClick = evidence;
    state.burst = { x: first.x, y: first.y, lastTs: click.ts };
    state.recent = [];
    return;
  }
}
