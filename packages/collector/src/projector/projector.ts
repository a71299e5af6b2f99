import type { Store } from "../store.js";

export interface ProjectorOptions {
  store: Store;
  /** Events applied per transaction: large enough to share a commit's cost, small enough that requests between slices wait little. */
  sliceEvents?: number;
  log?: (message: string, error?: unknown) => void;
  /** How long to wait before trying again after a failed step. */
  retryMs?: number;
}

export interface Projector {
  /** Starts projecting (or goes on); `appended` events were just committed to the inbox. */
  kick(appended?: number): void;
  /** Resolves true once every entry up to `position` is projected, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
  /** Events acknowledged and not yet projected, as last known (no store round trip). */
  backlogEvents(): number;
  /** Resolves once everything appended so far is projected. */
  drain(): Promise<void>;
  /** Stops after the step in progress. */
  stop(): Promise<void>;
}

/**
 * The projector folds the inbox into stored events and read tables, off the request path: in
 * slices of `sliceEvents`, each one store transaction, yielding to the event loop between slices
 * so requests are answered meanwhile. It runs while there is a backlog and sleeps when there is
 * none until the next `kick`. Where it stands is read from the store, so a restart resumes at
 * the last committed slice and nothing is applied twice.
 *
 * @example
 * const projector = createProjector({ store });
 * projector.kick();
 * await projector.waitFor((await store.positions()).appended, 5000);
 */
export function createProjector(options: ProjectorOptions): Projector {
  const { store } = options;
  const sliceEvents = options.sliceEvents ?? 2000;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ""));
  const retryMs = options.retryMs ?? 1000;

  let projected = -1;
  let backlog = 0;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const waiters = new Set<{ position: number; resolve: (ok: boolean) => void }>();

  const settle = () => {
    for (const w of waiters) {
      if (projected >= w.position) {
        waiters.delete(w);
        w.resolve(true);
      }
    }
  };

  async function loop() {
    try {
      const start = await store.positions();
      projected = start.projected;
      backlog = start.backlogEvents;
      settle();
      for (;;) {
        again = false;
        const step = await store.project(sliceEvents);
        for (const r of step.rejected) log(`projector: inbox entry ${r.seq} moved aside to inbox_rejected: ${r.reason}`);
        projected = step.position;
        backlog = Math.max(0, backlog - step.events);
        settle();
        if (stopped) break;
        if (step.entries === 0 && !again) break;
        // Let the requests that arrived during the slice in before the next one.
        await new Promise((resolve) => setImmediate(resolve));
      }
      backlog = (await store.positions()).backlogEvents;
    } catch (error) {
      log("projector: a step failed; trying again shortly", error);
      if (!stopped) retry = setTimeout(kick, retryMs);
    }
  }

  function kick(appended = 0) {
    backlog += appended;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = loop().finally(() => {
      running = undefined;
      if (again && !stopped) kick();
    });
  }

  return {
    kick,
    waitFor(position, timeoutMs) {
      if (projected >= position) return Promise.resolve(true);
      return new Promise((resolve) => {
        const waiter = {
          position,
          resolve: (ok: boolean) => {
            clearTimeout(timer);
            resolve(ok);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          resolve(false);
        }, timeoutMs);
        waiters.add(waiter);
        kick();
      });
    },
    backlogEvents: () => backlog,
    async drain() {
      const { appended } = await store.positions();
      while (projected < appended) {
        kick();
        if (running) await running;
        else await new Promise((resolve) => setImmediate(resolve));
        if (stopped) return;
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      if (running) await running;
      for (const w of waiters) w.resolve(false);
      waiters.clear();
    },
  };
}
