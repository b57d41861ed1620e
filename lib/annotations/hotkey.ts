/** The manifest command that opens the tag palette (Alt+Shift+F by default). */
export const TAG_COMMAND = 'tag-friction';

interface Commands {
  getAll(): Promise<{ name?: string; shortcut?: string }[]>;
}

/**
 * The tag shortcut as the user has it now (they may rebind it at
 * chrome://extensions/shortcuts or about:addons); '' when it is unbound.
 */
export async function tagHotkey(commands: Commands): Promise<string> {
  const all = await commands.getAll().catch(() => []);
  return all.find((c) => c.name === TAG_COMMAND)?.shortcut ?? '';
}
