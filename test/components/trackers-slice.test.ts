import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useOptionsStore } from '@/components/options/options-store';
import { trackerTargetsItem } from '@/lib/settings';
import { stubApi } from '../lib/fake-extension';
import type { TrackerTarget } from '@/lib/contracts';

const KEY = 'redmine-key-0123456789abcdef';

interface PermissionCalls {
  requested: string[][];
  removed: string[][];
  grant: boolean;
  held: boolean;
}

function stubPermissions(): PermissionCalls {
  const calls: PermissionCalls = { requested: [], removed: [], grant: true, held: true };
  stubApi(fakeBrowser, 'permissions', {
    request: async ({ origins }: { origins: string[] }) => {
      calls.requested.push(origins);
      return calls.grant;
    },
    contains: async () => calls.held,
    remove: async ({ origins }: { origins: string[] }) => {
      calls.removed.push(origins);
      return true;
    },
  });
  return calls;
}

const store = () => useOptionsStore.getState();

function fillRedmine(baseUrl = 'http://127.0.0.1:3030') {
  store().newTracker('redmine');
  store().setTrackerForm({ name: 'Team Redmine' });
  store().setTrackerField('baseUrl', baseUrl);
  store().setTrackerField('project', 'demo');
  store().setTrackerField('apiKey', KEY);
}

describe('the options page’s trackers', () => {
  let permissions: PermissionCalls;
  beforeEach(async () => {
    fakeBrowser.reset();
    permissions = stubPermissions();
    useOptionsStore.setState({ trackerTargets: [], trackerForm: null, trackerNotice: null });
    await store().loadTrackers();
  });

  it('asks for the tracker’s host in the click itself, before anything is awaited, then saves', async () => {
    fillRedmine();
    const saving = store().saveTracker();
    // A permission request after an await would have lost the user's gesture.
    expect(permissions.requested).toEqual([['http://127.0.0.1:3030/*']]);
    await saving;
    const saved = await trackerTargetsItem.getValue();
    expect(saved).toMatchObject([{ type: 'redmine', name: 'Team Redmine', apiKey: KEY }]);
    expect(store().trackerNotice).toEqual({ type: 'info', text: 'Saved “Team Redmine”.' });
    expect(store().trackerForm).toBeNull();
  });

  it('asks for nothing and saves nothing when a field is wrong', async () => {
    fillRedmine('http://redmine.example.com');
    await store().saveTracker();
    expect(permissions.requested).toEqual([]);
    expect(store().trackerErrors.baseUrl).toMatch(/https/);
    expect(await trackerTargetsItem.getValue()).toEqual([]);
  });

  it('saves a refused host but says exports fail until access is allowed', async () => {
    permissions.grant = false;
    fillRedmine();
    await store().saveTracker();
    expect(await trackerTargetsItem.getValue()).toHaveLength(1);
    expect(store().trackerNotice).toMatchObject({
      type: 'error',
      text: expect.stringMatching(/no access to http:\/\/127\.0\.0\.1:3030/),
    });
  });

  it('edits a target without showing its key, keeping it unless replaced', async () => {
    fillRedmine();
    await store().saveTracker();
    const [saved] = store().trackerTargets;
    store().editTracker(saved!.id);
    expect(JSON.stringify(store().trackerForm?.fields)).not.toContain(KEY);
    store().setTrackerForm({ labels: 'ux' });
    await store().saveTracker();
    expect(await trackerTargetsItem.getValue()).toMatchObject([
      { id: saved!.id, apiKey: KEY, labels: ['ux'] },
    ]);
  });

  it('removes a target with its token and offers its host back when no other target needs it', async () => {
    const other: TrackerTarget = {
      id: 'other',
      type: 'webhook',
      name: 'Hook',
      labels: [],
      url: 'https://hooks.example.com/sg',
      secret: '',
    };
    await trackerTargetsItem.setValue([other]);
    await store().loadTrackers();
    fillRedmine();
    await store().saveTracker();
    const redmine = store().trackerTargets.find((t) => t.type === 'redmine')!;
    await store().removeTracker(redmine.id);
    expect(await trackerTargetsItem.getValue()).toEqual([other]);
    expect(JSON.stringify(await trackerTargetsItem.getValue())).not.toContain(KEY);
    expect(store().releasableAccess).toEqual({
      name: 'Team Redmine',
      origins: ['http://127.0.0.1:3030/*'],
    });
    await store().giveBackTrackerAccess();
    expect(permissions.removed).toEqual([['http://127.0.0.1:3030/*']]);
    expect(store().releasableAccess).toBeNull();
  });

  it('offers nothing back when another target uses the same host', async () => {
    fillRedmine();
    await store().saveTracker();
    fillRedmine();
    await store().saveTracker();
    const [first] = store().trackerTargets;
    await store().removeTracker(first!.id);
    expect(store().releasableAccess).toBeNull();
    expect(store().trackerTargets).toHaveLength(1);
  });
});
