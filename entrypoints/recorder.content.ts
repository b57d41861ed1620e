import { defineContentScript } from 'wxt/utils/define-content-script';
import { registerRecorder } from '@/lib/recording/register';
import overlayCss from '@/lib/annotations/overlay/overlay.css?inline';

// Registered at runtime for a live session's origins only (lib/sessions/recorder-scripts.ts),
// before the page-world script, which it must be listening for (lib/recording/page-channel.ts).
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_start',
  // The overlay's CSS is bundled as text and set inside its shadow root: a
  // CSS file would have to be web-accessible to the page, and is not needed.
  cssInjectionMode: 'manual',
  main() {
    registerRecorder({ overlayCss });
  },
});
