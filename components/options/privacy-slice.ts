import {
  findInvalidSelectors,
  loadPrivacySettings,
  privacySettingsItem,
  privacySettingsSchema,
} from '@/lib/settings';
import type { OptionsSlice } from './options-store';

const toLines = (list: string[]) => list.join('\n');
const fromLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export interface PrivacySlice {
  blockText: string;
  maskText: string;
  keepFullUrls: boolean;
  privacyLoaded: boolean;
  privacyMessage: { type: 'info' | 'error'; text: string } | null;
  loadPrivacy(): Promise<void>;
  setBlockText(text: string): void;
  setMaskText(text: string): void;
  setKeepFullUrls(keep: boolean): void;
  savePrivacy(tryMatch: (selector: string) => unknown): Promise<void>;
}

export const createPrivacySlice: OptionsSlice<PrivacySlice> = (set, get) => ({
  blockText: '',
  maskText: '',
  keepFullUrls: false,
  privacyLoaded: false,
  privacyMessage: null,

  async loadPrivacy() {
    const settings = await loadPrivacySettings();
    set({
      blockText: toLines(settings.blockSelectors),
      maskText: toLines(settings.maskSelectors),
      keepFullUrls: settings.keepFullUrls,
      privacyLoaded: true,
    });
  },
  setBlockText: (blockText) => set({ blockText, privacyMessage: null }),
  setMaskText: (maskText) => set({ maskText, privacyMessage: null }),
  setKeepFullUrls: (keepFullUrls) => set({ keepFullUrls, privacyMessage: null }),

  async savePrivacy(tryMatch) {
    const candidate = {
      blockSelectors: fromLines(get().blockText),
      maskSelectors: fromLines(get().maskText),
      keepFullUrls: get().keepFullUrls,
    };
    const invalid = findInvalidSelectors(
      [...candidate.blockSelectors, ...candidate.maskSelectors],
      tryMatch,
    );
    if (invalid.length) {
      return set({
        privacyMessage: { type: 'error', text: `Not a valid CSS selector: ${invalid.join(', ')}` },
      });
    }
    const parsed = privacySettingsSchema.safeParse(candidate);
    if (!parsed.success) {
      return set({
        privacyMessage: {
          type: 'error',
          text: 'Too many or too long selectors (100 of 500 characters at most).',
        },
      });
    }
    await privacySettingsItem.setValue(parsed.data);
    set({ privacyMessage: { type: 'info', text: 'Saved. Applies from the next page recorded.' } });
  },
});
