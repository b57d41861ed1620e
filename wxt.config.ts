import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { untrackedFiles } from './scripts/untracked-files.mjs';

// The e2e/bench variant (.output-test) grants loopback host access up front:
// a permission prompt cannot be clicked in automation.
const testHosts = process.env.SG_TEST_HOSTS === '1';

/**
 * What a page that replays a recording may load: nothing from the network
 * (a recorded <img> pointing at the product would send a request with the
 * user's cookies). Recorded stylesheets are inlined; pictures are data: or
 * blob:. The about:blank iframes rrweb replays into inherit this policy.
 */
const REPLAY_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  'img-src data: blob:',
  'font-src data:',
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

/** Pages that replay recordings: the review page's replay frame and the picture renderer. */
const REPLAY_PAGES = ['/replay/index.html', '/offscreen/index.html'];

/**
 * Puts REPLAY_CSP into the replay pages as a <meta>, which also holds where
 * the replay frame is loaded from a data: URL (lib/replay/frame-source.ts).
 * The dev server (wxt dev) serves scripts and hot reload from localhost, which
 * the policy would block, so it is left out there.
 */
function replayPagesCsp(): Plugin {
  let serve = false;
  return {
    name: 'study-group:replay-pages-csp',
    configResolved(config) {
      serve = config.command === 'serve';
    },
    transformIndexHtml(_html, ctx) {
      const path = ctx.filename.replaceAll('\\', '/');
      if (serve || !REPLAY_PAGES.some((page) => path.endsWith(page))) return;
      return [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: REPLAY_CSP },
          injectTo: 'head-prepend',
        },
      ];
    },
  };
}

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
      // Exports waiting to retry (backoff, offline) wake the worker again.
      'alarms',
      // Pictures of mouse-made tags are drawn from the replay in an offscreen document.
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'none'" },
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
    plugins: [replayPagesCsp()],
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
