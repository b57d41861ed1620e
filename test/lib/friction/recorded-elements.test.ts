import { describe, expect, it } from 'vitest';
import {
  elementsAdds,
  elementsSnapshot,
  emptyElements,
  targetOf,
} from '@/lib/friction/recorded-elements';
import { createFrictionDetector, DEFAULT_THRESHOLDS, type TabState } from '@/lib/friction';
import type { Loose } from '@/lib/friction/observations';
import { batch, click, element, mouseMove, segment, snapshot, userClick } from './events';

const T0 = 1_700_000_000_000;
const text = (id: number, textContent: string) => ({ id, type: 3, textContent });
const el = (id: number, tag: string, attrs: object = {}, children: object[] = []) =>
  ({ id, type: 2, tagName: tag, attributes: attrs, childNodes: children }) as Loose;

/** A document holding `children` in its body, as rrweb serializes one. */
const doc = (children: object[]) => el(1, 'html', {}, [el(2, 'body', {}, children)]) as Loose;

function page(children: object[]) {
  const state = emptyElements();
  elementsSnapshot(state, doc(children));
  return state;
}

const POINT = { x: 40, y: 60 };

describe('targetOf', () => {
  it('names the button a click on its icon hit, with the same identity as the overlay', () => {
    const state = page([
      el(10, 'main', {}, [
        el(11, 'form', {}, [
          el(12, 'div', {}, [
            el(13, 'button', { id: ':r4:', 'data-testid': 'pay-now', type: 'submit' }, [
              el(14, 'span', { class: 'icon' }, [text(15, '$')]),
              text(16, ' '),
              el(17, 'span', {}, [text(18, 'Pay now')]),
            ]),
          ]),
        ]),
      ]),
    ]);
    expect(targetOf(state, 18, POINT)).toEqual({
      selector: 'button[data-testid="pay-now"]',
      rect: { x: 40, y: 60, width: 0, height: 0 },
      text: '$ Pay now',
      identity: {
        id: null,
        testId: 'pay-now',
        role: 'button',
        name: '$ Pay now',
        label: null,
        text: '$ Pay now',
        path: 'main > form > button',
      },
    });
    expect(targetOf(state, 12, POINT)).toBeNull(); // the div around it is no control
    expect(targetOf(state, 99, POINT)).toBeNull(); // not in the recording
  });

  it('labels a field by label[for] or its wrapping label, never by its value or text', () => {
    const state = page([
      el(10, 'form', {}, [
        el(11, 'label', { for: 'email' }, [text(12, 'Work email')]),
        el(13, 'input', { id: 'email', type: 'email', value: '*********' }),
        el(14, 'label', {}, [
          text(15, 'Notes '),
          el(16, 'textarea', { name: 'notes' }, [text(17, 'my private note')]),
        ]),
      ]),
    ]);
    expect(targetOf(state, 13, POINT)?.identity).toEqual({
      id: 'email',
      testId: null,
      role: 'textbox',
      name: 'Work email',
      label: 'Work email',
      text: null,
      path: 'form > input',
    });
    const notes = targetOf(state, 16, POINT);
    expect(notes?.identity).toMatchObject({ role: 'textbox', label: 'Notes', text: null });
    expect(JSON.stringify([targetOf(state, 13, POINT), notes])).not.toMatch(/private|\*/);
  });

  it('reads masked text as no text and knows nothing inside a blocked element', () => {
    const state = page([
      el(10, 'button', { id: 'account' }, [
        el(11, 'span', { class: 'sg-mask' }, [text(12, '*********')]),
      ]),
      el(13, 'div', { class: 'sg-block', rr_width: '200px', rr_height: '40px' }),
    ]);
    expect(targetOf(state, 12, POINT)?.identity).toMatchObject({
      id: 'account',
      name: null,
      text: null,
    });
    expect(targetOf(state, 13, POINT)).toBeNull();
    expect(targetOf(state, -1, POINT)).toBeNull();
  });

  it('follows controls and their text added later, across batches, in containers seen before', () => {
    const state = page([el(10, 'nav', {}, [el(11, 'ul')])]);
    elementsAdds(state, [
      { parentId: 11, node: el(20, 'li') },
      { parentId: 20, node: el(21, 'a', { href: '/reports' }) },
    ]);
    elementsAdds(state, [{ parentId: 21, node: text(22, 'Reports') }]);
    elementsAdds(state, [{ parentId: 11, node: el(23, 'li', {}, [el(24, 'a', { href: '/b' })]) }]);
    expect(targetOf(state, 22, POINT)?.identity).toMatchObject({
      role: 'link',
      name: 'Reports',
      path: 'nav > ul > a',
    });
    expect(targetOf(state, 24, POINT)?.identity).toMatchObject({
      name: null,
      path: 'nav > ul > a',
    });
  });

  it('starts over on a new full snapshot and stays bounded on huge pages', () => {
    const state = page([el(10, 'button', {}, [text(11, 'Old')])]);
    elementsSnapshot(state, doc([el(10, 'a', { href: '/x' }, [text(11, 'New')])]));
    expect(targetOf(state, 11, POINT)?.identity).toMatchObject({ role: 'link', name: 'New' });
    const buttons = Array.from({ length: 5_000 }, (_, i) =>
      el(10 + 2 * i, 'button', { title: `Button number ${i}` }, [text(11 + 2 * i, `Label ${i}`)]),
    );
    elementsSnapshot(state, doc([el(9, 'section', {}, buttons)]));
    expect(JSON.stringify(state).length).toBeLessThan(60_000);
  });
});

describe('click detections carry the target', () => {
  const HOME = segment('seg-home', '/home', T0);
  const run = (events: Parameters<typeof batch>[1]) => {
    const detector = createFrictionDetector(DEFAULT_THRESHOLDS);
    const state = JSON.parse(JSON.stringify(detector.initial())) as TabState;
    return detector.step(state, batch(HOME, events)).detections;
  };
  const recorded = snapshot(T0, [
    element(10, 'main', {}, [
      element(11, 'button', { 'aria-label': 'Save draft' }, [element(12, 'svg')]),
    ]),
  ]);

  it('dead click: the control of the clicked node, at the click', () => {
    const [dead] = run([recorded, ...userClick(T0 + 10, 12, 300, 200), mouseMove(T0 + 1_500)]);
    expect(dead).toMatchObject({
      detector: 'dead-click',
      target: {
        selector: 'main button',
        rect: { x: 300, y: 200, width: 0, height: 0 },
        identity: { role: 'button', name: 'Save draft', path: 'main > button' },
      },
    });
  });

  it("rage click: the first click's control; none when the recording lacks the node", () => {
    const burst = [click(T0 + 10, 100, 100, 12), click(T0 + 110), click(T0 + 210)];
    const [rage] = run([recorded, ...burst]);
    expect(rage?.target?.identity).toMatchObject({ role: 'button', name: 'Save draft' });
    const [unknown] = run([
      recorded,
      click(T0 + 10, 100, 100, 77),
      click(T0 + 110),
      click(T0 + 210),
    ]);
    expect(unknown).toMatchObject({ detector: 'rage-click', target: null });
  });
});
