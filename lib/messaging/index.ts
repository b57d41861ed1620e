import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './protocol';

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
export type * from './protocol';
export { LIVE_RECORDING_KEY, PAGE_TAB_KEY_PREFIX, SPOOL_KEY_PREFIX, spoolKey } from './protocol';
