import { createIngest } from './ingest';
import { createLifecycle } from './lifecycle';
import { createRecovery } from './recovery';
import { createSessionContext, type SessionServiceDeps } from './session-context';

export type {
  MessageSenderInfo,
  RecorderScripts,
  RequestFailure,
  SessionServiceDeps,
} from './session-context';

export type SessionService = ReturnType<typeof createSessionService>;

/**
 * The background's session service: lifecycle commands (lifecycle.ts), what
 * pages send (ingest.ts) and restart recovery (recovery.ts) over one database.
 */
export function createSessionService(deps: SessionServiceDeps) {
  const ctx = createSessionContext(deps);
  const lifecycle = createLifecycle(ctx);
  const ingest = createIngest(ctx, lifecycle);
  const recovery = createRecovery(ctx);

  // Lifecycle commands run one at a time, so e.g. a stop cannot interleave
  // with a resume, nor startup recovery with the first command.
  let queue: Promise<unknown> = Promise.resolve();
  function serialized<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
    return (...args: A): Promise<R> => {
      const run = queue.then(() => fn(...args));
      queue = run.catch(() => undefined);
      return run;
    };
  }

  return {
    start: serialized(lifecycle.start),
    pause: serialized(lifecycle.pause),
    resume: serialized(lifecycle.resume),
    stop: serialized(lifecycle.stop),
    remove: serialized(lifecycle.remove),
    recordTask: serialized(lifecycle.recordTask),
    recordEase: serialized(lifecycle.recordEase),
    undoTask: serialized(lifecycle.undoTask),
    onAccessGranted: serialized(lifecycle.onAccessGranted),
    /**
     * Call once per worker start. `freshBrowserRun` is true on the first start
     * since the browser (or the extension) started: dynamic content-script
     * registrations are gone then, and so are the tabs a live session had.
     */
    onWorkerStart: serialized((freshBrowserRun: boolean) =>
      freshBrowserRun ? recovery.interruptLive() : recovery.reconcile(),
    ),
    hello: lifecycle.hello,
    ingestBatch: ingest.ingestBatch,
    onTabCreated: lifecycle.onTabCreated,
    recordRequestFailure: ingest.recordRequestFailure,
  };
}
