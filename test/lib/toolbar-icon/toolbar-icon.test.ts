import { describe, expect, it } from 'vitest';
import { createToolbarIcon, iconPaths } from '@/lib/toolbar-icon';

function harness({ failFirst = false } = {}) {
  const set: string[] = [];
  const remembered: boolean[] = [];
  let fail = failFirst;
  const icon = createToolbarIcon({
    async setIcon(paths) {
      if (fail) {
        fail = false;
        throw new Error('no icon now');
      }
      set.push(paths['16']!);
    },
    async remember({ recording }) {
      remembered.push(recording);
    },
  });
  return { icon, set, remembered };
}

describe('the toolbar icon', () => {
  it('has the dot only in the recording set, at every size the manifest names', () => {
    expect(iconPaths(true)).toEqual({
      '16': 'icon-recording/16.png',
      '32': 'icon-recording/32.png',
      '48': 'icon-recording/48.png',
      '128': 'icon-recording/128.png',
    });
    expect(Object.values(iconPaths(false)).every((p) => p.startsWith('icon/'))).toBe(true);
  });

  it('follows recording, then idle, and remembers what it set; a repeat sets nothing', async () => {
    const { icon, set, remembered } = harness();
    await icon.show(true);
    await icon.show(true);
    await icon.show(false);
    expect(set).toEqual(['icon-recording/16.png', 'icon/16.png']);
    expect(remembered).toEqual([true, false]);
  });

  it('applies changes in order, so the last one asked for wins', async () => {
    const { icon, set } = harness();
    void icon.show(true);
    void icon.show(false);
    await icon.show(true);
    expect(set).toEqual(['icon-recording/16.png', 'icon/16.png', 'icon-recording/16.png']);
  });

  it('tries again on the next change after a failure, and remembers nothing it did not set', async () => {
    const { icon, set, remembered } = harness({ failFirst: true });
    await icon.show(true);
    expect(remembered).toEqual([]);
    await icon.show(true);
    expect(set).toEqual(['icon-recording/16.png']);
    expect(remembered).toEqual([true]);
  });
});
