import { describe, expect, it } from 'vitest';
import { studyKey, studyRefOf } from '@/lib/findings';
import { kit, session } from './records';

describe('studies', () => {
  it('are named by kit and round', () => {
    expect(studyKey({ kitId: 'kit-1', round: 2 })).toBe('kit-1#2');
  });

  it('are read from the kit a session played, round 1 when it has none', () => {
    expect(studyRefOf(session('s', { study: kit({ round: 3 }) }))).toEqual({
      kitId: 'kit-1',
      round: 3,
    });
    expect(studyRefOf(session('s', { study: kit() }))).toEqual({ kitId: 'kit-1', round: 1 });
    expect(studyRefOf(session('s', { study: kit({ round: 0 }) }))).toEqual({
      kitId: 'kit-1',
      round: 1,
    });
    expect(studyRefOf(session('s', { study: kit({ round: 1.5 }) }))).toEqual({
      kitId: 'kit-1',
      round: 1,
    });
  });

  it('are none for a quick session', () => {
    expect(studyRefOf(session('s', { study: null }))).toBeNull();
  });
});
