import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIVACY, findInvalidSelectors, parsePrivacySettings } from '@/lib/settings';

describe('privacy settings', () => {
  it('falls back to defaults on malformed stored data', () => {
    expect(parsePrivacySettings(undefined)).toEqual(DEFAULT_PRIVACY);
    expect(parsePrivacySettings({ blockSelectors: 'x' })).toEqual(DEFAULT_PRIVACY);
    // Settings stored before the URL option keep their selectors and get it off.
    expect(parsePrivacySettings({ blockSelectors: ['.a'], maskSelectors: [] })).toEqual({
      blockSelectors: ['.a'],
      maskSelectors: [],
      keepFullUrls: false,
    });
    expect(
      parsePrivacySettings({ blockSelectors: [], maskSelectors: [], keepFullUrls: true }),
    ).toMatchObject({ keepFullUrls: true });
  });

  it('reports selectors the matcher rejects', () => {
    const tryMatch = (s: string) => {
      if (s.includes('[')) throw new SyntaxError('bad');
    };
    expect(findInvalidSelectors(['.ok', 'div[', '#fine'], tryMatch)).toEqual(['div[']);
  });
});
