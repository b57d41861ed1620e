import { test as base } from 'vitest';
import { startDemo } from './demo';
import { launchExtension } from './extension';
import { startTestSites } from './sites';

/**
 * The e2e fixtures: each is started once per test file, only if a test of
 * the file asks for it, and closed after the file. A test that needs a fresh
 * profile launches its own with launchExtension().
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
  });
