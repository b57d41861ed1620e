import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Real Chromium with the built test variant of the extension (.output-test);
// test/scripts: npm start's browser and the store zips, on builds of their own.
export default defineConfig({
  // Tests that call lib/ directly (tracker clients against a real Redmine) resolve its `@/` imports.
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['test/e2e/**/*.e2e.ts', 'test/scripts/**/*.e2e.ts'],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
