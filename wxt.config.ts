import { defineConfig } from 'wxt';
import { untrackedFiles } from './scripts/untracked-files.mjs';

// The e2e/bench variant (.output-test) grants loopback host access up front:
// a permission prompt cannot be clicked in automation.
const testHosts = process.env.SG_TEST_HOSTS === '1';

// Chrome: offscreen.createDocument (109) is the newest API we call; the others are
// older (storage.session and MAIN-world scripting.registerContentScripts 102,
// CompressionStream 80). Firefox: 128 is the first with MAIN-world registered
// content scripts. The bundle's syntax and CSS target the same versions.
const MIN_CHROME = '109';
const MIN_FIREFOX = '128';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // lib/ is imported explicitly everywhere; no magic globals.
  imports: false,
  // SG_OUT_DIR lets parallel work trees build side by side without sharing output.
  outDir: process.env.SG_OUT_DIR ?? (testHosts ? '.output-test' : '.output'),
  manifest: ({ browser }) => ({
    name: 'Study Group',
    description:
      'Run dogfooding study groups: record sessions of your own product, tag friction, replay and export findings.',
    // unlimitedStorage: recordings must never be evicted under storage pressure.
    permissions: [
      'storage',
      'unlimitedStorage',
      'scripting',
      'activeTab',
      'webRequest',
      // Pictures of mouse-made tags are drawn from the replay in an offscreen document.
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    commands: {
      'tag-friction': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: 'Tag a moment of friction on the recorded page',
      },
    },
    host_permissions: testHosts ? ['http://127.0.0.1/*', 'http://localhost/*'] : [],
    ...(browser !== 'firefox' && { minimum_chrome_version: MIN_CHROME }),
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'study-group@studygroup.invalid',
          strict_min_version: `${MIN_FIREFOX}.0`,
          // Local-first: nothing leaves the browser unless the user exports it.
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
  zip: {
    // The sources zip holds what git tracks, not whatever else lies in the work tree.
    excludeSources: untrackedFiles(process.cwd()),
  },
  vite: ({ browser }) => ({
    build: {
      // Vite's default (a 2023 baseline incl. Safari) is not what the manifest admits.
      target: browser === 'firefox' ? `firefox${MIN_FIREFOX}` : `chrome${MIN_CHROME}`,
      // rolldown emits a raw U+FFFE from rrweb's bundled postcss and Chrome then
      // refuses the content script as "not UTF-8"; force ASCII output.
      rollupOptions: {
        output: { charset: 'ascii' },
        // On a busy machine rolldown warns that plugins took most of the build
        // time: noise in every build log that says nothing about our code.
        checks: { bundlerTimings: false },
      },
    },
  }),
});
