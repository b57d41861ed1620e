import { defineContentScript } from 'wxt/utils/define-content-script';
import { setupRecorder } from '@/lib/recording/setup';

// Registered at runtime for a live session's origins only (lib/sessions/recorder-scripts.ts).
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_start',
  main(ctx) {
    setupRecorder(ctx);
  },
});
