import { create } from 'zustand';
import {
  findInvalidSelectors,
  loadPrivacySettings,
  privacySettingsItem,
  privacySettingsSchema,
} from '@/lib/settings';

const toLines = (list: string[]) => list.join('\n');
const fromLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

interface OptionsState {
  blockText: string;
  maskText: string;
  loaded: boolean;
  message: { type: 'info' | 'error'; text: string } | null;
  load(): Promise<void>;
  setBlockText(text: string): void;
  setMaskText(text: string): void;
  save(tryMatch: (selector: string) => unknown): Promise<void>;
}

export const useOptionsStore = create<OptionsState>()((set, get) => ({
  blockText: '',
  maskText: '',
  loaded: false,
  message: null,

  async load() {
    const settings = await loadPrivacySettings();
    set({
      blockText: toLines(settings.blockSelectors),
      maskText: toLines(settings.maskSelectors),
      loaded: true,
    });
  },
  setBlockText: (blockText) => set({ blockText, message: null }),
  setMaskText: (maskText) => set({ maskText, message: null }),

  async save(tryMatch) {
    const candidate = {
      blockSelectors: fromLines(get().blockText),
      maskSelectors: fromLines(get().maskText),
    };
    const invalid = findInvalidSelectors(
      [...candidate.blockSelectors, ...candidate.maskSelectors],
      tryMatch,
    );
    if (invalid.length) {
      return set({
        message: { type: 'error', text: `Not a valid CSS selector: ${invalid.join(', ')}` },
      });
    }
    const parsed = privacySettingsSchema.safeParse(candidate);
    if (!parsed.success) {
      return set({
        message: {
          type: 'error',
          text: 'Too many or too long selectors (100 of 500 characters at most).',
        },
      });
    }
    await privacySettingsItem.setValue(parsed.data);
    set({ message: { type: 'info', text: 'Saved. Applies from the next page recorded.' } });
  },
}));
