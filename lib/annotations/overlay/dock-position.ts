/**
 * Where the overlay sits: the badge is anchored to its nearest horizontal
 * and vertical edge of the window, so it stays in its corner when the window
 * is resized, and the task panel opens away from that edge.
 */
export interface DockPosition {
  h: 'left' | 'right';
  /** Pixels from the `h` edge to the badge. */
  x: number;
  v: 'top' | 'bottom';
  /** Pixels from the `v` edge to the badge. */
  y: number;
}

export interface DockState extends DockPosition {
  /** The task panel folded into the badge. */
  collapsed: boolean;
}

/** What is stored under OVERLAY_DOCK_KEY. */
export interface StoredDock extends DockState {
  sessionId: string;
}

export const DEFAULT_DOCK: DockState = { h: 'right', x: 16, v: 'bottom', y: 16, collapsed: false };

/** Far beyond any screen: a larger stored offset is garbage, not a position. */
const MAX_OFFSET = 20_000;

const isOffset = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_OFFSET;

/**
 * The stored dock of this session, or null. Extension storage is ours, but
 * a record may be from an older version, another session or simply damaged.
 */
export function parseStoredDock(raw: unknown, sessionId: string): DockState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (r.sessionId !== sessionId) return null;
  if (r.h !== 'left' && r.h !== 'right') return null;
  if (r.v !== 'top' && r.v !== 'bottom') return null;
  if (!isOffset(r.x) || !isOffset(r.y) || typeof r.collapsed !== 'boolean') return null;
  return { h: r.h, x: r.x, v: r.v, y: r.y, collapsed: r.collapsed };
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}
interface Viewport {
  width: number;
  height: number;
}

/** Keeps the whole badge inside the window. */
function clampBox(box: Box, view: Viewport): Box {
  const left = Math.max(0, Math.min(view.width - box.width, box.left));
  const top = Math.max(0, Math.min(view.height - box.height, box.top));
  return { ...box, left: Math.max(0, left), top: Math.max(0, top) };
}

/** The anchors for a badge placed at `box` (after a drag or a key press). */
export function anchorFor(box: Box, view: Viewport): DockPosition {
  const b = clampBox(box, view);
  const h = b.left + b.width / 2 < view.width / 2 ? 'left' : 'right';
  const v = b.top + b.height / 2 < view.height / 2 ? 'top' : 'bottom';
  return {
    h,
    x: Math.round(h === 'left' ? b.left : view.width - b.left - b.width),
    v,
    y: Math.round(v === 'top' ? b.top : view.height - b.top - b.height),
  };
}

/** A stored position made to fit the window as it is now (it may be smaller than when stored). */
export function fitDock(dock: DockPosition, badge: Viewport, view: Viewport): DockPosition {
  return {
    ...dock,
    x: Math.max(0, Math.min(dock.x, view.width - badge.width)),
    y: Math.max(0, Math.min(dock.y, view.height - badge.height)),
  };
}
