/**
 * Listens to events that come from the person at the keyboard and mouse only.
 * The page can dispatch any event it likes on the window, the document or the
 * overlay's host (`isTrusted` false): none may open the palette, pick a tag,
 * pin an element, save or drag. Returns a function that stops listening.
 */
export function onTrusted<E extends Event>(
  target: EventTarget,
  type: string,
  handler: (event: E) => void,
  options?: boolean | AddEventListenerOptions,
): () => void {
  const listener = (event: Event) => {
    if (event.isTrusted) handler(event as E);
  };
  target.addEventListener(type, listener, options);
  return () => target.removeEventListener(type, listener, options);
}
