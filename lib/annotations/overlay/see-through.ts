import { onTrusted } from './trusted';

/** How long the pointer rests on the overlay, away from its controls, before it lets the page through. */
export const REST_MS = 1_000;
/** Pixels around the overlay that still count as over it: no flicker at its edge. */
const EDGE_PX = 6;

/**
 * The overlay never hides what is under the pointer for long. When the
 * pointer rests on it for a second, but not on one of its controls (there it
 * means to use them), it turns see-through and lets the pointer through to
 * the page; it comes back when the pointer leaves the place it covers, or
 * keyboard focus comes into it. Moving it aside instead would move it away
 * from whoever reaches for it; fading keeps it where it was put.
 */
export function createSeeThrough(deps: {
  dock: HTMLElement;
  win: Window & typeof globalThis;
  /** Whether it may fade now (not while the palette is open or a drag is under way). */
  allowed(): boolean;
}) {
  const { dock, win } = deps;
  let timer: number | null = null;
  let faded = false;
  const cancel = () => {
    if (timer !== null) win.clearTimeout(timer);
    timer = null;
  };
  const restore = () => {
    cancel();
    if (!faded) return;
    faded = false;
    dock.classList.remove('is-see-through');
  };
  const fade = () => {
    timer = null;
    if (!deps.allowed()) return;
    faded = true;
    dock.classList.add('is-see-through');
  };
  const onControl = (target: EventTarget | null) =>
    target instanceof win.Element &&
    target.closest('button, input, textarea, [role="button"], [tabindex="0"]') !== null;

  const stops = [
    onTrusted<PointerEvent>(dock, 'pointermove', (event) => {
      cancel();
      if (!onControl(event.target)) timer = win.setTimeout(fade, REST_MS);
    }),
    onTrusted(dock, 'pointerleave', cancel),
    onTrusted(dock, 'focusin', restore),
    // While see-through the overlay gets no pointer events: the page's tell where the pointer is.
    onTrusted<PointerEvent>(
      win,
      'pointermove',
      (event) => {
        if (!faded) return;
        const box = dock.getBoundingClientRect();
        const inside =
          event.clientX >= box.left - EDGE_PX &&
          event.clientX <= box.right + EDGE_PX &&
          event.clientY >= box.top - EDGE_PX &&
          event.clientY <= box.bottom + EDGE_PX;
        if (!inside) restore();
      },
      true,
    ),
    onTrusted(win.document.documentElement, 'pointerleave', restore),
  ];

  return {
    get faded() {
      return faded;
    },
    restore,
    destroy() {
      restore();
      stops.splice(0).forEach((stop) => stop());
    },
  };
}
