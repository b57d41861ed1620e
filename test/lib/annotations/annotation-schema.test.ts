import { describe, expect, it } from 'vitest';
import { parseAnnotationRequest } from '@/lib/annotations';
import type { AnnotationRequest, PinnedElement } from '@/lib/contracts';

const pinned: PinnedElement = {
  selector: 'button[data-testid="pay-now"]',
  rect: { x: 1, y: 2, width: 30, height: 10 },
  text: 'Pay now',
  identity: {
    id: null,
    testId: 'pay-now',
    role: 'button',
    name: 'Pay now',
    label: null,
    text: 'Pay now',
    path: 'main > form > button',
  },
};

const request = (target: unknown): AnnotationRequest =>
  ({
    sessionId: 's1',
    segmentId: 'seg',
    ts: 1_000,
    url: 'http://127.0.0.1:4173/app',
    tagId: 'confused',
    severity: 1,
    note: '',
    target,
    cover: { devicePixelRatio: 1, boxes: [] },
  }) as AnnotationRequest;

describe('annotation request target', () => {
  it("takes the overlay's target with its identity, and one without (an older overlay)", () => {
    expect(parseAnnotationRequest(request(pinned))?.target).toEqual(pinned);
    const { identity: _identity, ...older } = pinned;
    expect(parseAnnotationRequest(request(older))?.target).toEqual(older);
  });

  it.each([
    ['an overlong name', { name: 'x'.repeat(121) }],
    ['an overlong path', { path: 'div > '.repeat(100) }],
    ['a number for a role', { role: 1 }],
    ['no path', { path: undefined }],
  ])('refuses an identity with %s', (_name, change) => {
    const target = { ...pinned, identity: { ...pinned.identity, ...change } };
    expect(parseAnnotationRequest(request(target))).toBeNull();
  });
});
