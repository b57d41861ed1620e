import { describe, expect, it } from 'vitest';
import { plural, pluralWord, sessionStatusLabel } from '@/lib/format';

describe('plural', () => {
  it('puts the noun in the number its count needs', () => {
    expect(plural(1, 'session')).toBe('1 session');
    expect(plural(0, 'session')).toBe('0 sessions');
    expect(plural(2, 'finding')).toBe('2 findings');
    expect(plural(21, 'finding')).toBe('21 findings');
    expect(plural(1.5, 'minute')).toBe('1.5 minutes');
  });

  it('takes an irregular plural', () => {
    expect(plural(1, 'findings decision')).toBe('1 findings decision');
    expect(plural(3, 'person', 'people')).toBe('3 people');
    expect(pluralWord(1, 'person', 'people')).toBe('person');
    expect(pluralWord(-1, 'person', 'people')).toBe('person');
  });
});

describe('sessionStatusLabel', () => {
  it('says every state in sentence case', () => {
    expect(
      (['recording', 'paused', 'interrupted', 'ended'] as const).map((s) => sessionStatusLabel(s)),
    ).toEqual(['Recording', 'Paused', 'Interrupted', 'Ended']);
  });

  it('says why a session stopped when the user did not stop it', () => {
    expect(sessionStatusLabel('ended', { type: 'storage-full', message: 'full' })).toBe(
      'Stopped: storage full',
    );
    expect(sessionStatusLabel('ended', { type: 'over-budget', message: 'x' })).toBe(
      'Stopped: too much data',
    );
    expect(sessionStatusLabel('ended', { type: 'user' })).toBe('Ended');
    expect(sessionStatusLabel('ended', { type: 'abandoned' })).toBe('Ended');
  });
});
