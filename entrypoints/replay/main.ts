import { registerReplayFrame } from '@/lib/replay';
import { mountReplayer } from '@/lib/replay/rrweb-replayer';

registerReplayFrame(window, document.getElementById('player')!, mountReplayer);
