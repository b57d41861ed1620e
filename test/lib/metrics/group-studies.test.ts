import { describe, expect, it } from 'vitest';
import { groupStudies, QUICK_STUDY_KEY } from '@/lib/metrics';
import { kit, session } from '../findings/records';

describe('groupStudies', () => {
  it('groups sessions by kit and round, quick sessions last', () => {
    const payouts = kit({ id: 'k-pay', title: 'Payouts', updatedAt: 1 });
    const renamed = { ...payouts, title: 'Payouts and banks', updatedAt: 5 };
    const onboarding = kit({ id: 'k-on', title: 'Onboarding' });
    const groups = groupStudies([
      session('q1', { startedAt: 1, participant: 'ana' }),
      session('p2', { study: { ...payouts, round: 2 }, startedAt: 30, participant: 'ana' }),
      session('p1b', { study: renamed, startedAt: 20, participant: 'ben' }),
      session('p1a', { study: payouts, startedAt: 10, participant: 'ana' }),
      session('o1', { study: onboarding, startedAt: 5, participant: 'cy' }),
      session('p1c', { study: payouts, startedAt: 15, participant: 'ana' }),
    ]);
    expect(
      groups.map(({ key, title, round, sessionIds, participants }) => ({
        key,
        title,
        round,
        sessionIds,
        participants,
      })),
    ).toEqual([
      { key: 'k-on#1', title: 'Onboarding', round: 1, sessionIds: ['o1'], participants: 1 },
      // Titled by the newest version of the kit among the round's sessions.
      {
        key: 'k-pay#1',
        title: 'Payouts and banks',
        round: 1,
        sessionIds: ['p1a', 'p1c', 'p1b'],
        participants: 2,
      },
      { key: 'k-pay#2', title: 'Payouts', round: 2, sessionIds: ['p2'], participants: 1 },
      {
        key: QUICK_STUDY_KEY,
        title: 'Quick sessions',
        round: null,
        sessionIds: ['q1'],
        participants: 1,
      },
    ]);
    expect(groups[1]).toMatchObject({
      ref: { kitId: 'k-pay', round: 1 },
      firstStartedAt: 10,
      lastStartedAt: 20,
    });
    expect(groups[3]?.ref).toBeNull();
  });

  it('has no groups without sessions, and no quick group without quick sessions', () => {
    expect(groupStudies([])).toEqual([]);
    expect(groupStudies([session('p', { study: kit() })]).map((g) => g.key)).toEqual(['kit-1#1']);
  });
});
