import { defineContentScript } from 'wxt/utils/define-content-script';
import { record } from '@rrweb/record';
import { setupRecorder } from '@/lib/recording/setup';

// Registered at runtime for a live session's origins only (see lib/sessions/recorder-scripts.ts).
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_start',
  main(ctx) {
    setupRecorder(record, ctx);
  },
});
