import { describe, expect, it } from 'vitest';
import { elementKey } from '@/lib/findings';
import { identity, pinned } from './records';

describe('elementKey', () => {
  it('is null without an element', () => {
    expect(elementKey(null)).toBeNull();
  });

  it('takes the most stable part of the identity first', () => {
    const all = identity({
      id: 'save',
      testId: 'save-payout',
      role: 'button',
      name: 'Save',
      label: 'Save payout',
      text: 'Save',
    });
    expect(elementKey(pinned({ identity: all }))).toBe('id:save');
    expect(elementKey(pinned({ identity: { ...all, id: null } }))).toBe('test:save-payout');
    expect(elementKey(pinned({ identity: { ...all, id: null, testId: null } }))).toBe(
      'role:button|name:save',
    );
    expect(elementKey(pinned({ identity: identity({ role: 'textbox', label: 'IBAN' }) }))).toBe(
      'label:iban',
    );
    expect(elementKey(pinned({ identity: identity({ text: 'Payout  schedule' }) }))).toBe(
      'text:|payout schedule',
    );
    expect(elementKey(pinned({ identity: identity({ path: 'main > form > button' }) }))).toBe(
      'path:main > form > button',
    );
  });

  it('holds across participants and page loads whatever the selector says', () => {
    const name = identity({ role: 'button', name: 'Save' });
    const first = pinned({ selector: 'main > div:nth-of-type(2) > button', identity: name });
    const second = pinned({
      selector: 'main > div:nth-of-type(5) > section > button:nth-of-type(3)',
      rect: { x: 400, y: 900, width: 80, height: 30 },
      identity: { ...name, name: ' save ', path: 'main > section > button' },
    });
    expect(elementKey(first)).toBe(elementKey(second));
  });

  it('does not let a positional selector decide', () => {
    const selector = 'div:nth-of-type(2) > button';
    expect(elementKey(pinned({ selector, text: 'Save' }))).not.toBe(
      elementKey(pinned({ selector, text: 'Cancel' })),
    );
    expect(elementKey(pinned({ selector, text: 'Save' }))).toBe(
      elementKey(pinned({ selector: 'div:nth-of-type(7) > button:nth-child(3)', text: 'Save' })),
    );
    expect(elementKey(pinned({ selector, text: '' }))).toBe('path:div > button');
  });

  it('reads what older annotations’ selectors name', () => {
    expect(elementKey(pinned({ selector: 'main > #save\\.payout' }))).toBe('id:save.payout');
    expect(elementKey(pinned({ selector: 'form > button[data-testid="save"]' }))).toBe('test:save');
    expect(elementKey(pinned({ selector: 'input[name="iban"]' }))).toBe('field:iban');
    expect(elementKey(pinned({ selector: 'button[aria-label="Close dialog"]' }))).toBe(
      'aria:close dialog',
    );
    // An ancestor's id names the ancestor, not the element.
    expect(elementKey(pinned({ selector: '#form > div:nth-of-type(3) > a', text: 'Help' }))).toBe(
      'text:a|help',
    );
  });
});
