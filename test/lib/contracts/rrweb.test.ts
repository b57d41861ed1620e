import { EventType, IncrementalSource, MouseInteractions, NodeType } from '@rrweb/types';
import { describe, expect, it } from 'vitest';
import { RRWEB_EVENT, RRWEB_MOUSE, RRWEB_NODE, RRWEB_SOURCE } from '@/lib/contracts';

/** A TS numeric enum's name -> value pairs (its object also maps values back to names). */
const entries = (numericEnum: object) =>
  Object.fromEntries(Object.entries(numericEnum).filter(([, value]) => typeof value === 'number'));

describe('rrweb numbers', () => {
  it.each([
    ['event types', RRWEB_EVENT, EventType],
    ['incremental sources', RRWEB_SOURCE, IncrementalSource],
    ['mouse interactions', RRWEB_MOUSE, MouseInteractions],
    ['node types', RRWEB_NODE, NodeType],
  ])('names the %s exactly as rrweb does', (_, ours, theirs) => {
    expect(ours).toEqual(entries(theirs));
  });
});
