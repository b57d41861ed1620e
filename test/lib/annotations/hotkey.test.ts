import { describe, expect, it } from 'vitest';
import { TAG_COMMAND, tagHotkey } from '@/lib/annotations';

describe('tag hotkey', () => {
  it("reads the tag command's current shortcut, or '' when it is unbound or unreadable", async () => {
    const commands = (list: { name?: string; shortcut?: string }[]) => ({
      getAll: async () => list,
    });
    expect(
      await tagHotkey(
        commands([{ name: '_execute_action' }, { name: TAG_COMMAND, shortcut: 'Alt+T' }]),
      ),
    ).toBe('Alt+T');
    expect(await tagHotkey(commands([{ name: TAG_COMMAND, shortcut: '' }]))).toBe('');
    expect(await tagHotkey(commands([]))).toBe('');
    expect(await tagHotkey({ getAll: () => Promise.reject(new Error('no commands API')) })).toBe(
      '',
    );
  });
});
