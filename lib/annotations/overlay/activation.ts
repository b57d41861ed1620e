import { onTrusted } from './trusted';

/** How long a control must have stayed where it is before a mouse press on it counts. */
export const SETTLE_MS = 400;

/**
 * Buttons whose press has consequences (Done, Give up, Undo) act on a real
 * press only: a trusted event (a page script can forge `click`, never
 * `isTrusted`), from a mouse press that began on the button once it had
 * stayed put for a moment (not one that lands on a panel that just appeared
 * or moved under the pointer), or from the keyboard on the focused button.
 */
export function createActivationGuard(deps: { now(): number; root: ShadowRoot }) {
  let settledAt = -Infinity;
  return {
    /** The guarded controls just appeared or moved. */
    moved() {
      settledAt = deps.now();
    },
    on(button: HTMLElement, handler: () => void): () => void {
      let pressedAt: number | null = null;
      const stopDown = onTrusted<PointerEvent>(button, 'pointerdown', (event) => {
        pressedAt = event.button === 0 ? deps.now() : null;
      });
      const stopClick = onTrusted<MouseEvent>(button, 'click', (event) => {
        const pressed = pressedAt;
        pressedAt = null;
        // detail 0: Enter or Space (or assistive technology) on the button.
        if (event.detail === 0) {
          if (deps.root.activeElement === button) handler();
        } else if (pressed !== null && pressed - settledAt >= SETTLE_MS) handler();
      });
      return () => {
        stopDown();
        stopClick();
      };
    },
  };
}
