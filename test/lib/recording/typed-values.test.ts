import { describe, expect, it } from 'vitest';
import {
  CHOICE_MASK,
  createTypedValueRedactor,
  recordedNodes,
  type TypedValueRedactor,
} from '@/lib/recording/typed-values';

// rrweb event and node numbers.
const FULL_SNAPSHOT = 2;
const INCREMENTAL = 3;
const META = 4;
const CUSTOM = 5;
const MUTATION = 0;
const INPUT = 5;
const ELEMENT = 2;
const TEXT = 3;

/** A text field as a DOM event target. */
function field(value = '', type = 'text', tagName = 'INPUT') {
  return { tagName, type, value };
}

/** The participant focuses `target`, then types `text` one key at a time. */
function typeInto(redactor: TypedValueRedactor, target: ReturnType<typeof field>, text: string) {
  redactor.handleTyping({ type: 'focusin', isTrusted: true, target });
  for (const char of text) {
    target.value += char;
    redactor.handleTyping({ type: 'input', isTrusted: true, target });
  }
}

const textNode = (id: number, textContent: string) => ({ type: TEXT, id, textContent });
const element = (
  id: number,
  tagName: string,
  attributes: Record<string, unknown> = {},
  childNodes: unknown[] = [],
) => ({ type: ELEMENT, id, tagName, attributes, childNodes });

const snapshot = (node: unknown) => ({
  type: FULL_SNAPSHOT,
  timestamp: 1,
  data: { node, initialOffset: { top: 0, left: 0 } },
});
const mutation = (data: Record<string, unknown>) => ({
  type: INCREMENTAL,
  timestamp: 1,
  data: { source: MUTATION, texts: [], attributes: [], removes: [], adds: [], ...data },
});
const textChange = (value: string) => mutation({ texts: [{ id: 9, value }] });
const echoed = (redactor: TypedValueRedactor, value: string) => {
  const { texts } = redactor.redactEvent(textChange(value)).data as { texts: { value: unknown }[] };
  return texts[0]?.value;
};

describe('typed value redactor', () => {
  it('masks a typed value wherever it reappears in text, with stars of its length', () => {
    const redactor = createTypedValueRedactor();
    typeInto(redactor, field(), 'tok-7731');
    expect(redactor.redactText('Saved key tok-7731, thanks')).toBe('Saved key ********, thanks');
    expect(redactor.redactText('tok-7731/tok-7731')).toBe('********/********');
    expect(redactor.redactText('nothing typed here')).toBe('nothing typed here');
  });

  it('ignores untrusted events, short values and fields that are not typed into', () => {
    const redactor = createTypedValueRedactor();
    redactor.handleTyping({ type: 'input', isTrusted: false, target: field('forged-value') });
    redactor.handleTyping({ type: 'input', isTrusted: true, target: field('abc') });
    redactor.handleTyping({
      type: 'input',
      isTrusted: true,
      target: field('on-value', 'checkbox'),
    });
    redactor.handleTyping({ type: 'input', isTrusted: true, target: { tagName: 'DIV' } });
    redactor.handleTyping({ type: 'input', isTrusted: true, target: null });
    expect(redactor.held.values).toBe(0);
    expect(redactor.redactText('forged-value abc on-value')).toBe('forged-value abc on-value');
  });

  it('masks text nodes and attributes of a full snapshot, but not styling', () => {
    const redactor = createTypedValueRedactor();
    typeInto(redactor, field(), 'ada@example.test');
    const event = snapshot({
      type: 0,
      id: 1,
      childNodes: [
        element(2, 'div', { title: 'Owner ada@example.test', class: 'ada@example.test' }, [
          textNode(3, 'Signed in as ada@example.test'),
        ]),
        element(4, 'a', { href: '/users/ada%40example.test' }),
        element(5, 'style', { _cssText: '.ada@example.test{}' }, [textNode(6, 'ada@example.test')]),
      ],
    });
    const text = JSON.stringify(redactor.redactEvent(event));
    expect(text).toContain('"title":"Owner ****************"');
    expect(text).toContain('Signed in as ****************');
    expect(text).toContain('"/users/******************"'); // the URL-encoded form too
    expect(text).toContain('"class":"ada@example.test"');
    expect(text).toContain('"_cssText":".ada@example.test{}"');
  });

  it('walks a snapshot 20,000 levels deep without recursion', () => {
    const redactor = createTypedValueRedactor();
    typeInto(redactor, field(), 'deep-secret');
    let node: unknown = textNode(0, 'at the bottom: deep-secret');
    for (let depth = 1; depth <= 20_000; depth++) node = element(depth, 'div', {}, [node]);
    const event = redactor.redactEvent(snapshot(node));
    let bottom: unknown = event.data.node;
    while ((bottom as { childNodes?: unknown[] }).childNodes) {
      bottom = (bottom as { childNodes: unknown[] }).childNodes[0];
    }
    expect(bottom).toEqual(textNode(0, 'at the bottom: ***********'));
  });

  it('masks mutation texts, attribute changes and added nodes', () => {
    const redactor = createTypedValueRedactor();
    typeInto(redactor, field(), 'hunter-22');
    const event = redactor.redactEvent(
      mutation({
        texts: [
          { id: 3, value: 'you said hunter-22' },
          { id: 4, value: null },
        ],
        attributes: [{ id: 5, attributes: { 'data-last': 'hunter-22', style: { color: 'red' } } }],
        adds: [
          {
            parentId: 1,
            nextId: null,
            node: element(6, 'p', { 'aria-label': 'hunter-22' }, [textNode(7, 'hunter-22!')]),
          },
        ],
      }),
    );
    expect(event.data.texts).toEqual([
      { id: 3, value: 'you said *********' },
      { id: 4, value: null },
    ]);
    expect(event.data.attributes).toEqual([
      { id: 5, attributes: { 'data-last': '*********', style: { color: 'red' } } },
    ]);
    expect(JSON.stringify(event.data.adds)).not.toContain('hunter-22');
  });

  it('masks every prefix a page echoes live while the value is typed, and lagging echoes', () => {
    const redactor = createTypedValueRedactor();
    const input = field();
    redactor.handleTyping({ type: 'focusin', isTrusted: true, target: input });
    const secret = 'correct-horse-battery';
    for (const char of secret) {
      input.value += char;
      redactor.handleTyping({ type: 'input', isTrusted: true, target: input });
      // The page mirrors the field into a preview on each keystroke.
      const stars = input.value.length >= 4 ? '*'.repeat(input.value.length) : input.value;
      expect(echoed(redactor, `Preview: ${input.value}`)).toBe(`Preview: ${stars}`);
    }
    // A debounced search header two keystrokes behind.
    expect(echoed(redactor, 'Results for "correct-horse-batte"')).toBe(
      `Results for "${'*'.repeat(19)}"`,
    );
    // After submit the page clears the field and prints the value back.
    input.value = '';
    expect(echoed(redactor, `Saved ${secret}`)).toBe(`Saved ${'*'.repeat(secret.length)}`);
    // Keystrokes of one field replace each other: one value held, not one per key.
    expect(redactor.held.values).toBe(1);
  });

  it('keeps a value the participant left when they type a new one in the same field', () => {
    const redactor = createTypedValueRedactor();
    const input = field();
    typeInto(redactor, input, 'buy oat milk');
    input.value = ''; // the page clears the field after adding the item
    typeInto(redactor, input, 'call the bank');
    expect(echoed(redactor, 'buy oat milk')).toBe('************');
    expect(echoed(redactor, 'call the bank')).toBe('*************');
  });

  it('still masks a value committed on change after the field was emptied key by key', () => {
    const redactor = createTypedValueRedactor();
    const input = field();
    typeInto(redactor, input, 'zebra-42');
    redactor.handleTyping({ type: 'change', isTrusted: true, target: input });
    while (input.value) {
      input.value = input.value.slice(0, -1);
      redactor.handleTyping({ type: 'input', isTrusted: true, target: input });
    }
    expect(echoed(redactor, 'last search: zebra-42')).toBe('last search: ********');
  });

  it('remembers JSON typed into a body by its leaves, without the prefilled example', () => {
    const redactor = createTypedValueRedactor();
    const body = field('{\n  "title": "string",\n  "secret": "string"\n}', 'textarea', 'TEXTAREA');
    redactor.handleTyping({ type: 'focusin', isTrusted: true, target: body });
    body.value = '{\n  "title": "string",\n  "secret": "s3cr3t-body"\n}';
    redactor.handleTyping({ type: 'input', isTrusted: true, target: body });
    // The page pretty-prints the echoed JSON differently.
    expect(redactor.redactText('{"received":{"title":"string","secret":"s3cr3t-body"}}')).toBe(
      '{"received":{"title":"string","secret":"***********"}}',
    );
  });

  it('remembers the lines of a multi-line value and values rrweb met in masked fields', () => {
    const redactor = createTypedValueRedactor();
    typeInto(redactor, field('', 'textarea', 'TEXTAREA'), 'first line here\nsecond line');
    expect(redactor.redactText('second line')).toBe('***********');
    // A value already in a field when the snapshot was taken (typed before recording started).
    expect(redactor.maskInput('prefilled@mail.test', { tagName: 'INPUT' })).toBe('*'.repeat(19));
    expect(redactor.redactText('hello prefilled@mail.test')).toBe(`hello ${'*'.repeat(19)}`);
  });

  it('keeps its memory bounded, and the page cannot push typed values out of it', () => {
    const limits = { values: 16, chars: 400 };
    const redactor = createTypedValueRedactor({ limits });
    const input = field();
    typeInto(redactor, input, 'keep-me-typed');
    redactor.handleTyping({ type: 'change', isTrusted: true, target: input });
    // The page's code sets thousands of values (rrweb's setter hooks call maskInput).
    for (let i = 0; i < 5_000; i++) redactor.maskInput(`page-set-value-${i}`, { tagName: 'INPUT' });
    // The participant replaces a long field's whole content again and again.
    const other = field('', 'textarea', 'TEXTAREA');
    for (let i = 0; i < 500; i++) {
      other.value = `${'long text '.repeat(20)}${i}`;
      redactor.handleTyping({ type: 'input', isTrusted: true, target: other });
      other.value = '';
    }
    expect(redactor.held.values).toBeLessThanOrEqual(3 * limits.values);
    expect(redactor.held.chars).toBeLessThanOrEqual(3 * limits.chars);
    expect(redactor.redactText('keep-me-typed')).toBe('*************');
  });

  it('holds one value for a controlled input whose value attribute follows each keystroke', () => {
    const redactor = createTypedValueRedactor();
    const value = 'controlled-input-value';
    for (let i = 1; i <= value.length; i++) {
      redactor.maskInput(value.slice(0, i), { tagName: 'INPUT' });
    }
    expect(redactor.held.values).toBe(1);
    expect(redactor.redactText(value)).toBe('*'.repeat(value.length));
  });

  it('masks Meta URLs and custom event payloads, and leaves events alone when nothing was typed', () => {
    const redactor = createTypedValueRedactor();
    const page = { type: CUSTOM, timestamp: 1, data: { tag: 'sg-page', payload: { title: 'x' } } };
    expect(redactor.redactEvent(structuredClone(page))).toEqual(page);
    typeInto(redactor, field(), 'quokka');
    const meta = redactor.redactEvent({
      type: META,
      timestamp: 1,
      data: { href: 'http://a.test/find/quokka', width: 1, height: 1 },
    });
    expect(meta.data.href).toBe('http://a.test/find/******');
    const custom = redactor.redactEvent({
      type: CUSTOM,
      timestamp: 1,
      data: { tag: 'sg-page', payload: { title: 'About quokka', nested: ['quokka'] } },
    });
    expect(custom.data).toEqual({
      tag: 'sg-page',
      payload: { title: 'About ******', nested: ['******'] },
    });
  });
});

describe('choices', () => {
  it('gives every select value the same mask, whatever its length', () => {
    const redactor = createTypedValueRedactor();
    expect(redactor.maskInput('no', { tagName: 'SELECT' })).toBe(CHOICE_MASK);
    expect(redactor.maskInput('enterprise-annual', { tagName: 'SELECT' })).toBe(CHOICE_MASK);
    expect(redactor.held.values).toBe(0);
  });

  it('masks radio, checkbox and file values and drops checked and selected in snapshots', () => {
    const redactor = createTypedValueRedactor();
    const event = redactor.redactEvent(
      snapshot(
        element(1, 'form', {}, [
          element(2, 'input', { type: 'radio', name: 'plan', value: 'plan-gold', checked: true }),
          element(3, 'input', { type: 'CHECKBOX', value: 'newsletter', checked: '' }),
          element(4, 'input', { type: 'file', value: 'C:\\fakepath\\cv.pdf' }),
          element(5, 'input', { type: 'text', value: '****' }),
          element(6, 'select', {}, [element(7, 'option', { value: 'b', selected: true })]),
        ]),
      ),
    );
    const text = JSON.stringify(event);
    for (const secret of ['plan-gold', 'newsletter', 'cv.pdf', 'checked', 'selected']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('"value":"****"');
    const select = (event.data.node as { childNodes: { attributes: unknown }[] }).childNodes[4];
    expect(select?.attributes).toEqual({ value: CHOICE_MASK });
  });

  it('masks choice values and states in input events and attribute changes', () => {
    const redactor = createTypedValueRedactor();
    const input = (text: string, isChecked: boolean) =>
      redactor.redactEvent({
        type: INCREMENTAL,
        timestamp: 1,
        data: { source: INPUT, id: 4, text, isChecked },
      }).data;
    expect(input('plan-gold', true)).toEqual({
      source: INPUT,
      id: 4,
      text: CHOICE_MASK,
      isChecked: false,
    });
    expect(input('*****', false)).toEqual({
      source: INPUT,
      id: 4,
      text: '*****',
      isChecked: false,
    });
    const change = redactor.redactEvent(
      mutation({
        attributes: [
          { id: 2, attributes: { checked: '', value: 'plan-gold' } },
          { id: 3, attributes: { selected: '', value: '42' } },
        ],
      }),
      { isChoice: (id) => id === 2, inDesignMode: () => false },
    );
    expect(change.data.attributes).toEqual([
      { id: 2, attributes: { value: CHOICE_MASK } },
      { id: 3, attributes: { value: '42' } },
    ]);
  });

  it('recognises choice inputs and designMode documents among live nodes', () => {
    const editable = { designMode: 'on' };
    const live: Record<number, unknown> = {
      1: { tagName: 'INPUT', type: 'Radio', ownerDocument: {} },
      2: { tagName: 'INPUT', type: 'text', ownerDocument: {} },
      3: { nodeName: '#text', ownerDocument: editable },
      4: { ...editable, ownerDocument: null },
    };
    const nodes = recordedNodes((id) => live[id]);
    expect([1, 2, 3, 4, 5].map((id) => nodes.isChoice(id))).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
    expect([1, 2, 3, 4, 5].map((id) => nodes.inDesignMode(id))).toEqual([
      false,
      false,
      true,
      true,
      false,
    ]);
    // A page that redefines a DOM getter to throw gets its node masked, not an error.
    const hostile = recordedNodes(() => ({
      get tagName(): string {
        throw new Error('no');
      },
      get ownerDocument(): unknown {
        throw new Error('no');
      },
    }));
    expect([hostile.isChoice(1), hostile.inDesignMode(1)]).toEqual([true, true]);
  });
});

describe('designMode documents', () => {
  const designDoc = 50;
  const nodes = {
    isChoice: () => false,
    inDesignMode: (id: number) => id >= designDoc,
  };

  it('masks all text of an iframe document in designMode when it is attached', () => {
    const redactor = createTypedValueRedactor();
    const event = redactor.redactEvent(
      mutation({
        adds: [
          {
            parentId: 7, // the <iframe> element, in the ordinary page
            nextId: null,
            node: {
              type: 0,
              id: designDoc,
              childNodes: [element(51, 'body', {}, [textNode(52, 'Dear landlord, the boiler')])],
            },
          },
          { parentId: 8, nextId: null, node: textNode(9, 'Page text stays') },
        ],
      }),
      nodes,
    );
    expect(JSON.stringify(event)).toContain('"textContent":"**** ********* *** ******"');
    expect(JSON.stringify(event)).toContain('"textContent":"Page text stays"');
  });

  it('masks what is typed there later: text changes and added nodes', () => {
    const redactor = createTypedValueRedactor();
    const event = redactor.redactEvent(
      mutation({
        texts: [
          { id: 52, value: 'is broken again' },
          { id: 9, value: 'Page text stays' },
        ],
        adds: [{ parentId: 51, nextId: null, node: element(53, 'p', {}, [textNode(54, 'Yours')]) }],
      }),
      nodes,
    );
    expect(event.data.texts).toEqual([
      { id: 52, value: '** ****** *****' },
      { id: 9, value: 'Page text stays' },
    ]);
    expect(JSON.stringify(event.data.adds)).toContain('"textContent":"*****"');
  });

  it('masks a top document in designMode from its full snapshot on', () => {
    const redactor = createTypedValueRedactor();
    const event = redactor.redactEvent(
      snapshot({ type: 0, id: 1, childNodes: [element(2, 'p', {}, [textNode(3, 'Draft')])] }),
      { isChoice: () => false, inDesignMode: (id) => id === 1 },
    );
    expect(JSON.stringify(event)).toContain('"textContent":"*****"');
  });
});
