import {
  frictionThresholdsItem,
  loadFrictionThresholds,
  parseThresholdTexts,
  thresholdTexts,
  type ThresholdTexts,
} from '@/lib/settings';
import { DEFAULT_THRESHOLDS } from '@/lib/friction';
import type { OptionsSlice } from './options-store';

type Notice = { type: 'info' | 'error'; text: string } | null;

export interface FrictionSlice {
  thresholdTexts: ThresholdTexts;
  thresholdErrors: { field: string; message: string }[];
  thresholdsLoaded: boolean;
  thresholdsNotice: Notice;
  loadThresholds(): Promise<void>;
  setThreshold(id: string, text: string): void;
  saveThresholds(): Promise<void>;
  resetThresholds(): Promise<void>;
}

const APPLIES = 'Detectors use them from the next batch recorded.';

export const createFrictionSlice: OptionsSlice<FrictionSlice> = (set, get) => ({
  thresholdTexts: thresholdTexts(DEFAULT_THRESHOLDS),
  thresholdErrors: [],
  thresholdsLoaded: false,
  thresholdsNotice: null,

  async loadThresholds() {
    set({
      thresholdTexts: thresholdTexts(await loadFrictionThresholds()),
      thresholdsLoaded: true,
    });
  },

  setThreshold(id, text) {
    set((s) => ({
      thresholdTexts: { ...s.thresholdTexts, [id]: text },
      thresholdErrors: s.thresholdErrors.filter((e) => e.field !== id),
      thresholdsNotice: null,
    }));
  },

  async saveThresholds() {
    const result = parseThresholdTexts(get().thresholdTexts);
    if (result.type === 'error') {
      return set({
        thresholdErrors: result.errors,
        thresholdsNotice: { type: 'error', text: 'Not saved: fix the fields marked below.' },
      });
    }
    await frictionThresholdsItem.setValue(result.thresholds);
    set({
      thresholdTexts: thresholdTexts(result.thresholds),
      thresholdErrors: [],
      thresholdsNotice: { type: 'info', text: `Saved. ${APPLIES}` },
    });
  },

  async resetThresholds() {
    await frictionThresholdsItem.setValue(DEFAULT_THRESHOLDS);
    set({
      thresholdTexts: thresholdTexts(DEFAULT_THRESHOLDS),
      thresholdErrors: [],
      thresholdsNotice: { type: 'info', text: `Defaults restored. ${APPLIES}` },
    });
  },
});
