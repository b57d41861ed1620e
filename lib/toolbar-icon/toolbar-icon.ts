/** storage.session: what the toolbar icon was last set to (for tests and curious users: there is no getIcon). */
export const TOOLBAR_ICON_KEY = 'sg-toolbar-icon';

const SIZES = [16, 32, 48, 128] as const;

/** The icon files: `icon/` has no dot (the manifest's), `icon-recording/` the red recording dot. */
export function iconPaths(recording: boolean): Record<string, string> {
  const folder = recording ? 'icon-recording' : 'icon';
  return Object.fromEntries(SIZES.map((size) => [String(size), `${folder}/${size}.png`]));
}

export interface ToolbarIconDeps {
  setIcon(paths: Record<string, string>): Promise<void>;
  remember(shown: { recording: boolean }): Promise<void>;
}

/**
 * The toolbar icon carries the recording dot only while a session records:
 * not while paused, interrupted or idle (the badge text says which). Changes
 * are applied one after another, so the last state asked for is the one shown.
 */
export function createToolbarIcon(deps: ToolbarIconDeps) {
  let shown: boolean | null = null;
  let queue: Promise<void> = Promise.resolve();
  return {
    show(recording: boolean): Promise<void> {
      queue = queue
        .then(async () => {
          if (shown === recording) return;
          await deps.setIcon(iconPaths(recording));
          shown = recording;
          await deps.remember({ recording });
        })
        .catch(() => {
          // The next change tries again; the icon is a hint, never worth an error.
          shown = null;
        });
      return queue;
    },
  };
}
