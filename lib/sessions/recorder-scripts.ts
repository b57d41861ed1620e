import type { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { toMatchPattern } from './origins';
import type { RecorderScripts } from './session-context';

const RECORDER_ID = 'sg-recorder';
const PAGE_WORLD_ID = 'sg-page-world';

export interface RecorderScriptFiles {
  /** Isolated world: talks to the extension, relays batches. */
  recorder: ScriptPublicPath;
  /** MAIN world: rrweb and the error probe. */
  pageWorld: ScriptPublicPath;
}

/**
 * Content scripts exist only while a session is live and only for its
 * origins: nothing is injected anywhere else (idle cost zero).
 * Registrations are not persisted, so a browser restart drops them. A page
 * that is already loaded is reloaded, never injected into: only at
 * document_start do our scripts run before the page's, which is what keeps
 * the page from reaching the recorder's channel (lib/recording/page-channel.ts).
 */
export function createChromeRecorderScripts(
  scripting: typeof browser.scripting,
  reload: (tabId: number) => Promise<void>,
  files: RecorderScriptFiles,
  options: { portsInMatchPatterns: boolean },
): RecorderScripts {
  const ids = [RECORDER_ID, PAGE_WORLD_ID];

  async function registeredIds(): Promise<string[]> {
    const scripts = await scripting.getRegisteredContentScripts({ ids });
    return scripts.map((s) => s.id);
  }

  async function unregister(): Promise<void> {
    const present = await registeredIds();
    if (present.length) await scripting.unregisterContentScripts({ ids: present });
  }

  return {
    async register(origins) {
      const matches = origins.map((o) => toMatchPattern(o, options.portsInMatchPatterns));
      // Re-registering an existing id throws "Duplicate script ID".
      await unregister();
      // In this order: the isolated recorder must run first, to be listening
      // when the page-world script announces itself (lib/recording/page-channel.ts).
      await scripting.registerContentScripts([
        {
          id: RECORDER_ID,
          matches,
          js: [files.recorder],
          runAt: 'document_start',
          persistAcrossSessions: false,
        },
        {
          id: PAGE_WORLD_ID,
          matches,
          js: [files.pageWorld],
          runAt: 'document_start',
          world: 'MAIN',
          persistAcrossSessions: false,
        },
      ]);
    },
    unregister,
    async isRegistered() {
      return (await registeredIds()).length === ids.length;
    },
    async load(tabId) {
      await reload(tabId);
    },
  };
}
