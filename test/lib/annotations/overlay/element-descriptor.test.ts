import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeElement, stableSelector } from '@/lib/annotations/overlay/element-descriptor';
import { pagePrivacy } from '@/lib/annotations/overlay/page-privacy';

const PRIVACY = pagePrivacy({ blockSelector: '.secret-block', maskTextSelector: '.customer' });
const $ = (selector: string) => document.querySelector(selector)!;
const identity = (selector: string) => describeElement($(selector), PRIVACY).identity!;

let document: Document;
beforeEach(() => {
  const win = new Window({ url: 'https://app.example/checkout' });
  document = win.document as unknown as Document;
  // As in a content script: CSS is the page's global.
  vi.stubGlobal('CSS', win.CSS);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('describeElement identity', () => {
  it('names the button a pinned span is part of, by its role and text', () => {
    document.body.innerHTML = `<main><form><div><div>
      <button data-testid="pay-now" id=":r7:"><span class="icon">$</span> <span id="label">Pay now</span></button>
    </div></div></form></main>`;
    const pinned = describeElement($('#label'), PRIVACY);
    expect(pinned.identity).toEqual({
      id: null,
      testId: 'pay-now',
      role: 'button',
      name: '$ Pay now',
      label: null,
      text: '$ Pay now',
      path: 'main > form > button',
    });
    // The selector and text still describe what was pinned.
    expect(pinned.text).toBe('Pay now');
  });

  it('keeps ids that look chosen and ignores generated ones', () => {
    document.body.innerHTML = `
      <button id="checkout">Checkout</button>
      <button id="«r12»">A</button><button id="mui-3">B</button>
      <button id="btn-a3f9c2">C</button><button id="item-10482">D</button>
      <button id="feedback">Feedback</button>`;
    expect(identity('button:nth-of-type(1)').id).toBe('checkout');
    for (const n of [2, 3, 4, 5]) expect(identity(`button:nth-of-type(${n})`).id).toBeNull();
    expect(identity('button:nth-of-type(6)').id).toBe('feedback');
  });

  it('labels a field by label[for] or a wrapping label, never by its value', () => {
    document.body.innerHTML = `<form>
      <label for="email">Work email</label><input id="email" type="email" value="ann@corp.example">
      <label>Promo code <input name="promo" value="SECRET-CODE"></label>
      <textarea aria-label="Notes">my private note</textarea>
    </form>`;
    const email = $('#email') as HTMLInputElement;
    email.value = 'typed@corp.example';
    expect(identity('#email')).toEqual({
      id: 'email',
      testId: null,
      role: 'textbox',
      name: 'Work email',
      label: 'Work email',
      text: null,
      path: 'form > input',
    });
    expect(identity('[name=promo]')).toMatchObject({ label: 'Promo code', text: null });
    expect(identity('textarea')).toMatchObject({ role: 'textbox', label: 'Notes', text: null });
    const all = JSON.stringify(['#email', '[name=promo]', 'textarea'].map(identity));
    expect(all).not.toMatch(/corp\.example|SECRET|private/);
  });

  it('names a link by its text and a submit input by its own label', () => {
    document.body.innerHTML = `<nav><ul><li><a href="/pricing"><b>Pricing</b></a></li></ul></nav>
      <form><input type="submit" value="Place order"></form>`;
    expect(identity('b')).toMatchObject({ role: 'link', name: 'Pricing', path: 'nav > ul > a' });
    expect(identity('input')).toMatchObject({ role: 'button', name: 'Place order' });
  });

  it('reads no text of masked, blocked or editable content, nor of a designMode document', () => {
    document.body.innerHTML = `
      <button id="greet"><span class="customer">Ann Smith</span> Account</button>
      <div class="customer"><button id="masked" aria-label="Ann's profile">Ann Smith</button></div>
      <div class="secret-block"><button id="blocked" data-testid="b">Card 4242</button></div>
      <div contenteditable="true" role="textbox" aria-label="Message"><span>draft text</span></div>
      <button class="sg-mask" data-testid="m">Ann</button>`;
    expect(identity('#greet')).toMatchObject({ name: 'Account', text: 'Account' });
    expect(identity('#masked')).toEqual({
      id: 'masked',
      testId: null,
      role: 'button',
      name: null,
      label: null,
      text: null,
      path: 'button',
    });
    // Blocked: the recording holds an empty box, so only where it is.
    expect(identity('#blocked')).toEqual({
      id: null,
      testId: null,
      role: null,
      name: null,
      label: null,
      text: null,
      path: 'div',
    });
    expect(identity('[contenteditable] span')).toMatchObject({
      role: 'textbox',
      label: 'Message',
      text: null,
    });
    expect(identity('.sg-mask')).toMatchObject({ testId: 'm', name: null, text: null });
    document.designMode = 'on';
    expect(identity('#greet')).toMatchObject({ id: 'greet', name: null, text: null });
    const all = JSON.stringify(
      [...document.querySelectorAll('*')].map((el) => describeElement(el, PRIVACY)),
    );
    expect(all).not.toMatch(/Ann|4242|draft/);
  });

  it('names a pinned element outside any control by its own text', () => {
    document.body.innerHTML = `<main><section><h2>Plans</h2><p>From $9 a month</p></section></main>`;
    expect(identity('p')).toMatchObject({
      role: null,
      name: null,
      text: 'From $9 a month',
      path: 'main > section > p',
    });
    expect(identity('h2')).toMatchObject({ role: 'heading', name: 'Plans' });
  });
});

describe('stableSelector', () => {
  it('prefers naming attributes to positions', () => {
    document.body.innerHTML = `<div><div><button>One</button><button aria-label="Close dialog">x</button></div>
      <div><button>Two</button><button>Three</button></div></div>`;
    const close = $('[aria-label="Close dialog"]');
    expect(stableSelector(close)).toBe('button[aria-label="Close dialog"]');
  });

  it('names a step by a link or a role when nothing else does, unique among siblings', () => {
    document.body.innerHTML = `<ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul>
      <div role="tablist"><span role="tab">X</span><span>Y</span></div><div><span>Z</span></div>`;
    expect(stableSelector($('a[href="/b"]'))).toBe('a[href="/b"]');
    expect(stableSelector($('[role=tab]'))).toBe('span[role="tab"]');
    const lonely = $('div:nth-of-type(2) > span');
    expect(stableSelector(lonely)).toBe('div:nth-of-type(2) > span');
  });

  it('never names masked elements by their wording', () => {
    document.body.innerHTML = `<div><button class="customer" aria-label="Ann Smith">A</button><button>B</button></div>`;
    const selector = stableSelector($('.customer'), { privacy: PRIVACY });
    expect(selector).not.toContain('Ann');
    expect(document.querySelector(selector)).toBe($('.customer'));
  });
});
