import { ANNOUNCE_EVENT, CHANNEL, type ChannelType } from '../contracts';

/**
 * The private channel between the isolated recorder and the page-world
 * (MAIN) script. Page scripts share the DOM and the MAIN world with us, so
 * nothing on `window` can be trusted: the two sides meet once, before any
 * page script runs, and from then on talk only through a detached DOM node
 * that no page script holds a reference to.
 *
 * The handshake: both scripts are injected at document_start, one right
 * after the other and before the page's own scripts, in an order the
 * browser does not promise. Each listens on `window` for one announcement
 * and then announces its own node, in a MouseEvent's `relatedTarget` (the
 * one event field that carries a node across worlds). The side that runs
 * second is heard by the first, which answers on that node synchronously;
 * both then stop listening, so a later, forged announcement reaches nobody.
 * A page that is already loaded is never joined this way: the session
 * reloads it instead (see lib/sessions/recorder-scripts.ts).
 */
export interface ChannelPort {
  send(type: ChannelType, detail: string): void;
  on(type: ChannelType, handler: (detail: string) => void): void;
}

/** The DOM operations the handshake uses; the page-world side passes ones captured at document_start. */
export interface ChannelDom {
  win: Window;
  listen(target: EventTarget, type: string, handler: (event: Event) => void): void;
  unlisten(target: EventTarget, type: string, handler: (event: Event) => void): void;
  dispatch(target: EventTarget, event: Event): void;
  /** The detail of a CustomEvent, read without the page's getters. */
  detailOf(event: Event): unknown;
  customEvent(type: string, detail?: string): Event;
  announceEvent(node: Node): Event;
  isNode(value: unknown): value is Node;
  /** Run once, after the current task. */
  later(fn: () => void): void;
}

/**
 * Meet the other side (see above); `onConnect` gets the port once paired.
 * After the current task nobody more is listened to: both sides are injected
 * in one go, before the page's scripts.
 */
export function openChannel(dom: ChannelDom, onConnect: (port: ChannelPort) => void): void {
  const own = dom.win.document.createElement('div');
  let state: 'open' | 'paired' | 'closed' = 'open';

  const connect = (node: Node) => {
    state = 'paired';
    dom.unlisten(dom.win, ANNOUNCE_EVENT, onAnnounce);
    onConnect({
      send: (type, detail) => dom.dispatch(node, dom.customEvent(type, detail)),
      on: (type, handler) =>
        dom.listen(node, type, (event) => {
          const detail = dom.detailOf(event);
          if (typeof detail === 'string') handler(detail);
        }),
    });
  };
  function onAnnounce(event: Event) {
    const node = (event as MouseEvent).relatedTarget;
    if (state !== 'open' || node === own || !dom.isNode(node)) return;
    dom.dispatch(node, dom.customEvent(CHANNEL.ready));
    connect(node);
  }

  dom.listen(own, CHANNEL.ready, () => {
    if (state === 'open') connect(own);
  });
  dom.listen(dom.win, ANNOUNCE_EVENT, onAnnounce);
  dom.dispatch(dom.win, dom.announceEvent(own));
  dom.later(() => {
    if (state !== 'open') return;
    state = 'closed';
    dom.unlisten(dom.win, ANNOUNCE_EVENT, onAnnounce);
  });
}

type ChannelWindow = Window & typeof globalThis;

/** The isolated world's own DOM: page scripts cannot change its prototypes. */
export function isolatedDom(win: ChannelWindow): ChannelDom {
  return {
    win,
    listen: (target, type, handler) => target.addEventListener(type, handler, true),
    unlisten: (target, type, handler) => target.removeEventListener(type, handler, true),
    dispatch: (target, event) => void target.dispatchEvent(event),
    detailOf: (event) => (event as CustomEvent).detail,
    customEvent: (type, detail) => new win.CustomEvent(type, { detail }),
    announceEvent: (node) => new win.MouseEvent(ANNOUNCE_EVENT, { relatedTarget: node }),
    isNode: (value): value is Node => value instanceof win.Node,
    later: (fn) => void win.setTimeout(fn, 0),
  };
}

/**
 * The page world's DOM functions, captured now, at document_start, so a page
 * script that later replaces them cannot read or forge what crosses.
 */
export function pageWorldDom(win: ChannelWindow): ChannelDom | null {
  const { addEventListener, removeEventListener, dispatchEvent } = win.EventTarget.prototype;
  const detailGetter = Object.getOwnPropertyDescriptor(win.CustomEvent.prototype, 'detail')?.get;
  const { CustomEvent, MouseEvent, Node } = win;
  const setTimer = win.setTimeout.bind(win);
  if (!detailGetter) return null;
  return {
    win,
    listen: (target, type, handler) =>
      Reflect.apply(addEventListener, target, [type, handler, true]),
    unlisten: (target, type, handler) =>
      Reflect.apply(removeEventListener, target, [type, handler, true]),
    dispatch: (target, event) => void Reflect.apply(dispatchEvent, target, [event]),
    detailOf: (event) => Reflect.apply(detailGetter, event, []),
    customEvent: (type, detail) => new CustomEvent(type, { detail }),
    announceEvent: (node) => new MouseEvent(ANNOUNCE_EVENT, { relatedTarget: node }),
    isNode: (value): value is Node => value instanceof Node,
    later: (fn) => void setTimer(fn, 0),
  };
}
