import { z } from 'zod';
import type { RecorderPrivacy } from '../contracts';

/** Always blocked / masked whatever the user configures. */
export const BUILTIN_BLOCK_SELECTOR = '.sg-block';
export const BUILTIN_MASK_SELECTOR = '.sg-mask, [contenteditable]:not([contenteditable="false"])';

const selectorList = z.array(z.string().trim().min(1).max(500)).max(100);

export const privacySettingsSchema = z.object({
  blockSelectors: selectorList,
  maskSelectors: selectorList,
  /** Keep URLs whole, query values and fragments included (lib/urls). Stored settings from before it have it off. */
  keepFullUrls: z.boolean().default(false),
});

export type PrivacySettings = z.infer<typeof privacySettingsSchema>;

export const DEFAULT_PRIVACY: PrivacySettings = {
  blockSelectors: [],
  maskSelectors: [],
  keepFullUrls: false,
};

/** Stored settings are read back through this: anything malformed falls back to defaults. */
export function parsePrivacySettings(raw: unknown): PrivacySettings {
  const parsed = privacySettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_PRIVACY;
}

/**
 * Checks each selector with the caller's matcher (e.g. `s => document.querySelector(s)`),
 * so this stays testable without a DOM. Returns the invalid ones.
 */
export function findInvalidSelectors(
  selectors: string[],
  tryMatch: (selector: string) => unknown,
): string[] {
  return selectors.filter((selector) => {
    try {
      tryMatch(selector);
      return false;
    } catch {
      return true;
    }
  });
}

export function toRecorderPrivacy(
  settings: Pick<PrivacySettings, 'blockSelectors' | 'maskSelectors'>,
): RecorderPrivacy {
  return {
    blockSelector: [BUILTIN_BLOCK_SELECTOR, ...settings.blockSelectors].join(', '),
    maskTextSelector: [BUILTIN_MASK_SELECTOR, ...settings.maskSelectors].join(', '),
  };
}
