import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import rrwebCss from '@rrweb/replay/dist/style.css?inline';
import { mountOfflinePlayer } from '@/lib/offline-replay/player';

// Built as /offline-player.js and inlined into every offline replay file (lib/offline-replay).
export default defineUnlistedScript(() => mountOfflinePlayer(document, rrwebCss));
