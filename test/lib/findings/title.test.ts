import { describe, expect, it } from 'vitest';
import { clusterFindings } from '@/lib/findings';
import type { AnnotationRecord } from '@/lib/contracts';
import { annotation, auto, identity, ORIGIN, pinned, TAGS } from './records';

const titleOf = (a: AnnotationRecord) =>
  clusterFindings({
    items: [{ annotation: a, participant: 'ana', sessionId: a.sessionId, tags: TAGS }],
    overrides: [],
    participants: 1,
  }).findings[0]?.title;

const on = (path: string) => ({ url: `${ORIGIN}${path}` });

describe('suggested titles', () => {
  it('say what, on which element, on which page', () => {
    const save = pinned({ identity: identity({ role: 'button', name: 'Save' }) });
    expect(titleOf(auto('a', 'dead-click', { ...on('/payouts/12'), target: save }))).toBe(
      'Dead click on “Save” · /payouts/:n',
    );
    expect(titleOf(auto('a', 'rage-click', on('/payouts')))).toBe('Rage click · /payouts');
    expect(titleOf(annotation('a', { ...on('/'), tagId: 'stuck', target: save }))).toBe(
      'Stuck on “Save” · /',
    );
    expect(titleOf(annotation('a', { ...on('/'), tagId: 'custom' }))).toBe('custom · /');
  });

  it('name each detector’s problem from its evidence', () => {
    const evidence = (detector: AnnotationRecord['detector'], fields: Record<string, unknown>) =>
      titleOf(auto('a', detector, { ...on('/payouts/7'), evidence: fields }));
    expect(
      evidence('failed-request', {
        url: `${ORIGIN}/api/payouts/7?x=1`,
        status: 502,
        method: 'put',
      }),
    ).toBe('Failed request PUT /api/payouts/:n (502) · /payouts/:n');
    expect(evidence('failed-request', { url: `${ORIGIN}/api/payouts`, status: 404 })).toBe(
      'Failed request /api/payouts (404) · /payouts/:n',
    );
    // Quoted to 60 characters: the 22 of the message's start, 37 x, the ellipsis.
    expect(evidence('js-error', { messages: [`Payout 7 has no "amount" ${'x'.repeat(80)}`] })).toBe(
      `JS error “Payout :n has no :str ${'x'.repeat(37)}…” · /payouts/:n`,
    );
    expect(evidence('error-page', { status: 500, title: 'Oops', heading: '' })).toBe(
      'Error page (500) · /payouts/:n',
    );
    // An error page served with 200: its status says nothing.
    expect(evidence('error-page', { status: 200, title: 'Not found', heading: '' })).toBe(
      'Error page · /payouts/:n',
    );
    expect(evidence('u-turn', { url: `${ORIGIN}/payouts/7`, away: `${ORIGIN}/help/3` })).toBe(
      'U-turn via /help/:n · /payouts/:n',
    );
    expect(evidence('repeated-form-error', { nodeId: 3, field: 'iban' })).toBe(
      'Repeated form error on “iban” · /payouts/:n',
    );
    expect(evidence('slow-page', { metric: 'lcp', value: 9000, thresholdMs: 4000 })).toBe(
      'Slow page · /payouts/:n',
    );
    expect(evidence('js-error', {})).toBe('JS error · /payouts/:n');
  });
});
