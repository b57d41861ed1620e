import { defineContentScript } from 'wxt/utils/define-content-script';
import { installProbe } from '@/lib/recording/probe';

// Registered at runtime for a live session's origins only (see lib/sessions/recorder-scripts.ts).
export default defineContentScript({
  registration: 'runtime',
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    installProbe(window);
  },
});
