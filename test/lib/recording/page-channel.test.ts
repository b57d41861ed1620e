import { describe, expect, it } from 'vitest';
import { openChannel, type ChannelDom } from '@/lib/recording';
import { ANNOUNCE_EVENT, CHANNEL } from '@/lib/contracts';

/** One shared "window" for both worlds, as the DOM is; timers run when the test says. */
function world(
  win: EventTarget & { document: { createElement(): EventTarget } },
  tasks: (() => void)[],
): ChannelDom {
  return {
    win: win as unknown as Window,
    listen: (target, type, handler) => target.addEventListener(type, handler, true),
    unlisten: (target, type, handler) => target.removeEventListener(type, handler, true),
    dispatch: (target, event) => void target.dispatchEvent(event),
    detailOf: (event) => (event as CustomEvent).detail,
    customEvent: (type, detail) => new CustomEvent(type, { detail }),
    announceEvent: (node) => Object.assign(new Event(ANNOUNCE_EVENT), { relatedTarget: node }),
    isNode: (value): value is Node => value instanceof EventTarget,
    later: (fn) => void tasks.push(fn),
  };
}

function page() {
  const win = Object.assign(new EventTarget(), {
    document: { createElement: () => new EventTarget() },
  });
  const tasks: (() => void)[] = [];
  return {
    win,
    tasks,
    dom: world(win, tasks),
    runTasks: () => tasks.splice(0).forEach((t) => t()),
  };
}

/** What a page script could do: announce its own node on window. */
function forgeAnnouncement(win: EventTarget) {
  const node = new EventTarget();
  const heard: string[] = [];
  node.addEventListener(CHANNEL.ready, () => heard.push('ready'));
  node.addEventListener(CHANNEL.command, (e) => heard.push(String((e as CustomEvent).detail)));
  win.dispatchEvent(Object.assign(new Event(ANNOUNCE_EVENT), { relatedTarget: node }));
  return heard;
}

describe('private page channel', () => {
  it.each([
    ['isolated side first', true],
    ['page-world side first', false],
  ])(
    'pairs the two sides whatever their order (%s), and carries messages both ways',
    (_, isolatedFirst) => {
      const { dom, runTasks } = page();
      const ports: Record<string, import('@/lib/recording').ChannelPort> = {};
      const open = (name: string) => openChannel(dom, (port) => (ports[name] = port));
      if (isolatedFirst) {
        open('isolated');
        open('page');
      } else {
        open('page');
        open('isolated');
      }
      runTasks();
      const got: string[] = [];
      ports.page!.on(CHANNEL.command, (d) => got.push(`page got ${d}`));
      ports.isolated!.on(CHANNEL.batch, (d) => got.push(`isolated got ${d}`));
      ports.isolated!.send(CHANNEL.command, 'start');
      ports.page!.send(CHANNEL.batch, '{"events":[]}');
      expect(got).toEqual(['page got start', 'isolated got {"events":[]}']);
    },
  );

  it('is never joined by an announcement made after the two sides met', () => {
    const { win, dom, runTasks } = page();
    const ports: import('@/lib/recording').ChannelPort[] = [];
    openChannel(dom, (p) => ports.push(p));
    openChannel(dom, (p) => ports.push(p));
    runTasks();
    const heard = forgeAnnouncement(win);
    ports[0]!.send(CHANNEL.command, 'secret selectors');
    expect(ports).toHaveLength(2);
    expect(heard).toEqual([]);
  });

  it('stops listening after its first task when the other side never came', () => {
    const { win, dom, runTasks } = page();
    const ports: unknown[] = [];
    openChannel(dom, (p) => ports.push(p));
    runTasks();
    expect(forgeAnnouncement(win)).toEqual([]);
    expect(ports).toEqual([]);
  });
});
