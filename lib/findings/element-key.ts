import type { ElementIdentity, PinnedElement } from '../contracts';

/** Names compared as people read them: case, spacing and typed-value masks aside. */
function plain(text: string): string {
  return text
    .replace(/\*{2,}/g, '*')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .slice(0, 80);
}

/** Keys ordered most stable first; a key that is only a structural path is a weak one. */
function identityKey(identity: ElementIdentity): string {
  const role = identity.role ? plain(identity.role) : null;
  if (identity.id) return `id:${identity.id}`;
  if (identity.testId) return `test:${identity.testId}`;
  if (role && identity.name && plain(identity.name))
    return `role:${role}|name:${plain(identity.name)}`;
  if (identity.label && plain(identity.label)) return `label:${plain(identity.label)}`;
  if (identity.text && plain(identity.text)) return `text:${role ?? ''}|${plain(identity.text)}`;
  return `path:${identity.path}`;
}

const STEP_ID = /#((?:\\.|[\w-])+)/;
const STEP_ATTRIBUTE = /\[(data-testid|data-test|data-qa|name|aria-label)="((?:\\.|[^"\\])*)"\]/;
const POSITIONAL =
  /:(?:nth-of-type|nth-child|nth-last-of-type|nth-last-child)\(\d+\)|:(?:first|last|only)-(?:of-type|child)/g;

const unescape = (value: string) => value.replace(/\\(.)/g, '$1');

/** What the last step of a selector made by the overlay (stableSelector) names, if anything. */
function selectorKey(selector: string): string | null {
  const last = selector.split('>').pop()?.trim() ?? '';
  const id = STEP_ID.exec(last);
  if (id?.[1]) return `id:${unescape(id[1])}`;
  const attribute = STEP_ATTRIBUTE.exec(last);
  if (!attribute?.[1] || attribute[2] === undefined) return null;
  const value = unescape(attribute[2]);
  switch (attribute[1]) {
    case 'name':
      return `field:${value}`;
    case 'aria-label':
      return `aria:${plain(value)}`;
    default:
      return `test:${value}`;
  }
}

/** The tag names of a selector's steps: its shape without ids, attributes or positions. */
function selectorShape(selector: string): string {
  return selector
    .split('>')
    .map(
      (step) =>
        step
          .replace(POSITIONAL, '')
          .replace(/[#.[:].*$/, '')
          .trim() || '*',
    )
    .slice(-4)
    .join(' > ');
}

/**
 * A key naming an element the same way for every participant and page load:
 * its identity (id, test id, role and accessible name, label, text) when the
 * annotation has one; for older annotations what the selector's own step
 * names, then its text; else its structural path without positions, which is
 * weak (`isWeakElementKey`): clustering lets overlapping boxes decide then.
 */
export function elementKey(target: PinnedElement | null): string | null {
  if (!target) return null;
  if (target.identity) return identityKey(target.identity);
  const named = selectorKey(target.selector);
  if (named) return named;
  const text = plain(target.text ?? '');
  const shape = selectorShape(target.selector);
  const tag = shape.split(' > ').pop() ?? '*';
  if (text) return `text:${tag}|${text}`;
  return `path:${shape}`;
}

/** A key that only says where in the page's structure the element sits. */
export const isWeakElementKey = (key: string | null): boolean =>
  key === null || key.startsWith('path:');

/** The words a title shows for an element: its accessible name, label or text. */
export function elementName(target: PinnedElement | null): string | null {
  if (!target) return null;
  const { identity } = target;
  const name =
    identity?.name ||
    identity?.label ||
    identity?.text ||
    target.text ||
    identity?.testId ||
    identity?.id;
  const trimmed = name?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed.slice(0, 60) : null;
}
