import { test as base } from 'vitest';
import { startDemo } from './demo';
import { launchExtension, type ExtensionBrowser } from './extension';
import { startTestSites } from './sites';

/**
 * The e2e fixtures: `demo`, `sites` and `ext` are each started once per test
 * file, only if a test of the file asks for it, and closed after the file.
 * `launch` starts another browser with the extension (a fresh profile, or the
 * one given, with extra Chromium arguments), closed when the test ends.
 */
export const test = base
  .extend('demo', { scope: 'file' }, async ({}, { onCleanup }) => {
    const demo = await startDemo();
    onCleanup(() => demo.close());
    return demo;
  })
  .extend('sites', { scope: 'file' }, async ({}, { onCleanup }) => {
    const sites = await startTestSites();
    onCleanup(() => sites.close());
    return sites;
  })
  .extend('ext', { scope: 'file' }, async ({}, { onCleanup }) => {
    const ext = await launchExtension();
    onCleanup(() => ext.close());
    return ext;
  })
  .extend('launch', async ({}, { onCleanup }) => {
    const launched: ExtensionBrowser[] = [];
    onCleanup(async () => {
      await Promise.all(launched.map((ext) => ext.close()));
    });
    return async (options: { profileDir?: string; args?: string[] } = {}) => {
      const ext = await launchExtension(options);
      launched.push(ext);
      return ext;
    };
  });
