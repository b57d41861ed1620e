import { storage } from 'wxt/utils/storage';
import { DEFAULT_PRIVACY, parsePrivacySettings, type PrivacySettings } from './privacy';

/** Privacy selectors, synced across the user's browsers. Version 1 is the first shape. */
export const privacySettingsItem = storage.defineItem<PrivacySettings>('sync:privacy', {
  version: 1,
  fallback: DEFAULT_PRIVACY,
});

export async function loadPrivacySettings(): Promise<PrivacySettings> {
  return parsePrivacySettings(await privacySettingsItem.getValue());
}
