import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './protocol';

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
export type * from './protocol';
export { SPOOL_KEY_PREFIX, spoolKey } from './protocol';
