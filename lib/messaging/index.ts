import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from '../contracts';

/** The one typed message protocol (lib/contracts/protocol.ts). */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
