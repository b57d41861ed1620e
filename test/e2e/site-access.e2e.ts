import { describe, expect } from 'vitest';
import { grantHostAccessInProfile, launchExtension } from './support/extension';
import { test as base } from './support/fixtures';
import { recordOn } from './support/recording';
import { startTestSites } from './support/sites';

/**
 * The test build holds access to 127.0.0.1 and localhost from install, which
 * cannot be given back: this product lives on another loopback address, and
 * the browser starts on a profile that already holds access to exactly it.
 */
const test = base
  .extend('sites', { scope: 'file' }, async ({}, { onCleanup }) => {
    const sites = await startTestSites({ host: '127.0.0.2' });
    onCleanup(() => sites.close());
    return sites;
  })
  .extend('pattern', { scope: 'file' }, ({ sites }) => `${sites.url}/*`)
  .extend('ext', { scope: 'file' }, async ({ pattern }, { onCleanup }) => {
    const first = await launchExtension();
    await first.close();
    // What accepting the prompt for exactly this origin (port included) stores.
    await grantHostAccessInProfile(first.profileDir, first.extensionId, pattern);
    const ext = await launchExtension({ profileDir: first.profileDir });
    onCleanup(() => ext.close());
    return ext;
  });

describe('host access lasts as long as the session', () => {
  test('records with access to the exact origin and gives it back when the session stops', async ({
    sites,
    ext,
    pattern,
  }) => {
    expect(await ext.hostAccess()).toContain(pattern);
    // The popup asks for this origin with its port: already granted, so no prompt.
    const { popup } = await recordOn(ext, sites.site('review-access.html'), 'Access');
    await popup.stop();
    const host = new URL(sites.url).host;
    await expect
      .poll(() => popup.page.getByRole('status').innerText())
      .toBe(`Site access to ${host} was given back.`);
    expect(await ext.hostAccess()).not.toContain(pattern);
    expect(
      await popup.page.evaluate((p) => chrome.permissions.contains({ origins: [p] }), pattern),
    ).toBe(false);
    const [session] = (await ext.dbDump()).sessions;
    expect(session?.stats.pages).toBe(1);
  });
});
