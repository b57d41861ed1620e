export { createOverlay, type Overlay, type OverlayDeps } from './overlay';
