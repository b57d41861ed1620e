type ProbeWindow = Window & typeof globalThis;

const MAX_TEXT = 1_000;

/** Best-effort text for anything the page throws or logs; a hostile value cannot make this throw. */
function describe(value: unknown): string {
  try {
    if (value instanceof Error) return `${value.name}: ${value.message}`.slice(0, MAX_TEXT);
    if (typeof value === 'string') return value.slice(0, MAX_TEXT);
    return String(JSON.stringify(value) ?? String(value)).slice(0, MAX_TEXT);
  } catch {
    return '[unserializable]';
  }
}

function stackOf(error: unknown): string {
  try {
    return String((error as { stack?: unknown } | null)?.stack ?? '').slice(0, 4 * MAX_TEXT);
  } catch {
    return '';
  }
}

/**
 * Runs in the page's MAIN world at document_start (only on a live session's
 * origins): reports uncaught errors, unhandled rejections and console.error
 * to the isolated recorder as JSON text over the private channel, with what
 * was typed masked (`redact`). Kept dependency-free: it ships into every
 * recorded page. Installed once per page, by page-world.ts.
 */
export function installProbe(
  win: ProbeWindow,
  send: (message: string) => void,
  redact: (text: string) => string,
): void {
  const stringify = JSON.stringify;
  const dispatch = (message: Record<string, unknown>) => {
    try {
      // A page that logs or throws what was typed would otherwise leak it here.
      for (const key of Object.keys(message)) {
        const value = message[key];
        if (key !== 'type' && typeof value === 'string') message[key] = redact(value);
      }
      send(stringify(message));
    } catch {
      // Never let reporting break the page.
    }
  };

  win.addEventListener('error', (event) => {
    // Resource load failures are plain Events; only script errors are ErrorEvents.
    if (!(event instanceof win.ErrorEvent)) return;
    dispatch({
      type: 'js-error',
      message: describe(event.message),
      source: describe(event.filename ?? ''),
      line: event.lineno | 0,
      column: event.colno | 0,
      stack: stackOf(event.error),
    });
  });
  win.addEventListener('unhandledrejection', (event) => {
    dispatch({ type: 'unhandled-rejection', reason: describe(event.reason) });
  });

  const originalError = win.console.error;
  win.console.error = function (this: Console, ...args: unknown[]) {
    dispatch({ type: 'console-error', message: args.map(describe).join(' ').slice(0, MAX_TEXT) });
    return originalError.apply(this, args);
  };
}
