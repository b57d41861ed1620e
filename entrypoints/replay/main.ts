import { registerReplayFrame } from '@/lib/replay';
import { mountRrwebPlayer } from '@/lib/replay/rrweb-player';

registerReplayFrame(window, document.getElementById('player')!, mountRrwebPlayer);
