import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/lib/findings';
import { annotation, auto, identity, ORIGIN, pinned } from './records';

const save = pinned({ identity: identity({ role: 'button', name: 'Save' }) });
const cancel = pinned({ identity: identity({ role: 'button', name: 'Cancel' }) });

describe('fingerprint', () => {
  it('joins manual tags of any kind on the same element and page', () => {
    const confused = annotation('a', {
      tagId: 'confused',
      target: save,
      url: `${ORIGIN}/payouts/1`,
    });
    const stuck = annotation('b', { tagId: 'stuck', target: save, url: `${ORIGIN}/payouts/2?x` });
    expect(fingerprint(confused)).toBe(fingerprint(stuck));
    expect(fingerprint(confused)).toBe('tags|/payouts/:n|role:button|name:save|');
  });

  it('keeps manual tags on other elements or pages apart', () => {
    const base = annotation('a', { target: save, url: `${ORIGIN}/payouts` });
    expect(fingerprint(base)).not.toBe(fingerprint({ ...base, target: cancel }));
    expect(fingerprint(base)).not.toBe(fingerprint({ ...base, url: `${ORIGIN}/settings` }));
  });

  it('without an element, joins only the same tag on the same page', () => {
    const confused = annotation('a', { tagId: 'confused', url: `${ORIGIN}/payouts#x` });
    expect(fingerprint(confused)).toBe('tag:confused|/payouts||');
    expect(fingerprint({ ...confused, tagId: 'stuck' })).not.toBe(fingerprint(confused));
    expect(fingerprint({ ...confused, tagId: null })).toBe('tag:untagged|/payouts||');
  });

  it('never joins a detector with a manual tag', () => {
    const tag = annotation('a', { target: save });
    const dead = auto('b', 'dead-click', { target: save });
    expect(fingerprint(tag)).not.toBe(fingerprint(dead));
    expect(fingerprint(dead)).toBe('detector:dead-click|/|role:button|name:save|');
  });

  it('tells JS errors apart by their message, variable parts aside', () => {
    const error = (message: unknown) =>
      auto('e', 'js-error', { evidence: { errors: 1, messages: [message] } });
    expect(fingerprint(error('Payout 12 not found'))).toBe(
      fingerprint(error('Payout 97 not found')),
    );
    expect(fingerprint(error('Payout 12 not found'))).toBe(
      'detector:js-error|/||msg:Payout :n not found',
    );
    expect(fingerprint(error('x is not a function'))).not.toBe(
      fingerprint(error('y is undefined')),
    );
    // Evidence from an older or broken bundle.
    expect(fingerprint(error(42))).toBe('detector:js-error|/||msg:');
    expect(fingerprint(auto('e', 'js-error', { evidence: null }))).toBe(
      'detector:js-error|/||msg:',
    );
  });

  it('tells failed requests apart by method, normalised path and status', () => {
    const request = (evidence: Record<string, unknown>) =>
      fingerprint(auto('r', 'failed-request', { url: `${ORIGIN}/payouts`, evidence }));
    const failed = { url: `${ORIGIN}/api/payouts/31?expand=1`, status: 500, method: 'post' };
    expect(request(failed)).toBe('detector:failed-request|/payouts||req:POST /api/payouts/:n 500');
    expect(request({ ...failed, url: `${ORIGIN}/api/payouts/77` })).toBe(request(failed));
    expect(request({ ...failed, status: 404 })).not.toBe(request(failed));
    expect(request({ ...failed, method: 'GET' })).not.toBe(request(failed));
    expect(request({ url: failed.url, status: 500, durationMs: 30 })).toBe(
      'detector:failed-request|/payouts||req: /api/payouts/:n 500',
    );
  });

  it('reads each detector’s evidence for what tells its problems apart', () => {
    expect(
      fingerprint(auto('p', 'error-page', { evidence: { status: 404, title: '', heading: '' } })),
    ).toBe('detector:error-page|/||status:404');
    expect(
      fingerprint(
        auto('u', 'u-turn', { evidence: { url: `${ORIGIN}/`, away: `${ORIGIN}/help/12` } }),
      ),
    ).toBe('detector:u-turn|/||away:/help/:n');
    expect(
      fingerprint(auto('f', 'repeated-form-error', { evidence: { nodeId: 4, field: 'iban' } })),
    ).toBe('detector:repeated-form-error|/||field:iban');
    // Node ids and positions are per page load: they never enter a fingerprint.
    const dead = (nodeId: number) =>
      auto('d', 'dead-click', { evidence: { nodeId, x: nodeId, y: 1 } });
    expect(fingerprint(dead(3))).toBe(fingerprint(dead(99)));
  });
});
