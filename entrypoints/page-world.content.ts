import { defineContentScript } from 'wxt/utils/define-content-script';
import { record } from '@rrweb/record';
import { installPageWorld } from '@/lib/recording/page-world';

// MAIN world, registered at runtime for a live session's origins only
// (lib/sessions/recorder-scripts.ts). Runs before the page's own scripts.
export default defineContentScript({
  registration: 'runtime',
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    installPageWorld(window, record);
  },
});
