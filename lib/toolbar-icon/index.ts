export {
  createToolbarIcon,
  iconPaths,
  TOOLBAR_ICON_KEY,
  type ToolbarIconDeps,
} from './toolbar-icon';
export { registerToolbarIcon } from './register';
