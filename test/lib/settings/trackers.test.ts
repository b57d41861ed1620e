import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  loadTrackerTarget,
  loadTrackerTargets,
  parseTrackerTargets,
  trackerTargetsItem,
} from '@/lib/settings';
import { everyTarget, REDMINE_KEY, redmineTarget } from '../tracker-export/targets';

beforeEach(() => fakeBrowser.reset());

describe('tracker targets setting', () => {
  it('keeps a valid list of every tracker type as it is', () => {
    const log = vi.fn();
    expect(parseTrackerTargets(everyTarget, log)).toEqual(everyTarget);
    expect(log).not.toHaveBeenCalled();
  });

  it('reads nothing stored as no targets, silently', () => {
    const log = vi.fn();
    expect(parseTrackerTargets(undefined, log)).toEqual([]);
    expect(parseTrackerTargets(null, log)).toEqual([]);
    expect(log).not.toHaveBeenCalled();
  });

  it.each([
    ['not a list', { targets: [] }],
    ['an unknown type', [{ ...redmineTarget, type: 'bugzilla' }]],
    ['a non-http base URL', [{ ...redmineTarget, baseUrl: 'javascript:alert(1)' }]],
    ['an empty key', [{ ...redmineTarget, apiKey: '' }]],
    ['an overlong label', [{ ...redmineTarget, labels: ['x'.repeat(101)] }]],
    ['a missing project', [{ ...redmineTarget, project: undefined }]],
  ])('gives no targets and one clear log line for %s, never a value', (_, raw) => {
    const log = vi.fn();
    expect(parseTrackerTargets(raw, log)).toEqual([]);
    expect(log).toHaveBeenCalledTimes(1);
    const line = String(log.mock.calls[0]?.[0]);
    expect(line).toMatch(/tracker settings are not valid/);
    expect(line).not.toContain(REDMINE_KEY);
  });

  it('is stored in storage.local (never synced) and read back validated', async () => {
    await trackerTargetsItem.setValue(everyTarget);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    expect((await fakeBrowser.storage.local.get('tracker-targets'))['tracker-targets']).toEqual(
      everyTarget,
    );
    expect(await loadTrackerTargets()).toEqual(everyTarget);
    expect(await loadTrackerTarget('t-redmine')).toEqual(redmineTarget);
    expect(await loadTrackerTarget('gone')).toBeNull();
  });

  it('loads a corrupted stored value as no targets instead of throwing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.storage.local.set({ 'tracker-targets': [{ type: 'redmine', apiKey: 'k' }] });
    await expect(loadTrackerTargets()).resolves.toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
