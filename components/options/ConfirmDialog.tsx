// Moved to components/shared; KitEditor (being split elsewhere now) still imports it from here.
export { ConfirmDialog } from '../shared/ConfirmDialog';
