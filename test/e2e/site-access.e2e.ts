import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  grantHostAccessInProfile,
  launchExtension,
  type ExtensionBrowser,
} from './support/extension';
import { recordOn } from './support/recording';
import { startTestSites, type TestSites } from './support/sites';

describe('host access lasts as long as the session', () => {
  let sites: TestSites;
  let ext: ExtensionBrowser;
  let pattern: string;
  beforeAll(async () => {
    // The test build holds access to 127.0.0.1 and localhost from install,
    // which cannot be given back: this product lives on another loopback address.
    sites = await startTestSites({ host: '127.0.0.2' });
    pattern = `${sites.url}/*`;
    const first = await launchExtension();
    await first.close();
    // What accepting the prompt for exactly this origin (port included) stores.
    await grantHostAccessInProfile(first.profileDir, first.extensionId, pattern);
    ext = await launchExtension({ profileDir: first.profileDir });
  });
  afterAll(async () => {
    await ext?.close();
    await sites?.close();
  });

  it('records with access to the exact origin and gives it back when the session stops', async () => {
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
