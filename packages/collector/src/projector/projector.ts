import { StoreUnavailableError } from "../errors.js";
import { uuidv7 } from "../ingest/event-id.js";
import { decodeEntry } from "../ingest/inbox-entry.js";
import type { ProjectionStep, Store } from "../store.js";
import { createProgress } from "./progress.js";

export interface ProjectorOptions {
  store: Store;
  /** Events applied per transaction: large enough to share a commit's cost, small enough that requests between slices wait little. */
  sliceEvents?: number;
  log?: (message: string, error?: unknown) => void;
  /** How long to wait before trying again after a failed step. */
  retryMs?: number;
  /** Makes an event id for events sent without one. */
  newId?: () => string;
  /** Hears of every step, with the events still waiting after it. */
  onStep?: (step: ProjectionStep, backlogEvents: number) => void;
  /**
   * On a shared store (`store.shared`): how often to look for entries other collectors appended,
   * or left behind when they died. A query waiting meanwhile looks every `BUSY_POLL_MS`.
   */
  pollMs?: number;
}

/** How soon a projector that found another projecting looks again while a query waits. */
export const BUSY_POLL_MS = 25;

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
  const newId = options.newId ?? (() => uuidv7());
  const decode = (text: string) => decodeEntry(text, newId);

  const progress = createProgress();
  let backlog = 0;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  const pollMs = store.shared ? (options.pollMs ?? 1000) : undefined;

  async function loop() {
    try {
      const start = await store.positions();
      backlog = start.backlogEvents;
      progress.advance(start.projected);
      for (;;) {
        again = false;
        const step = await store.project(sliceEvents, decode);
        for (const r of step.rejected) log(`projector: inbox entry ${r.seq} moved aside to inbox_rejected: ${r.reason}`);
        backlog = Math.max(0, backlog - step.events);
        progress.advance(step.position);
        options.onStep?.(step, backlog);
        if (stopped) break;
        if (step.busy) {
          // Another collector holds the projection: follow its progress while a query waits on it.
          if (!again && progress.waiting === 0) break;
          again = false;
          await new Promise((resolve) => setTimeout(resolve, BUSY_POLL_MS));
          continue;
        }
        if (step.entries === 0 && !again) break;
        // Let the requests that arrived during the slice in before the next one.
        await new Promise((resolve) => setImmediate(resolve));
      }
      backlog = (await store.positions()).backlogEvents;
    } catch (error) {
      if (error instanceof StoreUnavailableError) log("projector: the database is unavailable; trying again shortly");
      else log("projector: a step failed; trying again shortly", error);
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
    clearTimeout(poll);
    running = loop().finally(() => {
      running = undefined;
      if (again && !stopped) kick();
      else if (pollMs !== undefined && !stopped) poll = setTimeout(kick, pollMs).unref();
    });
  }

  return {
    kick,
    waitFor(position, timeoutMs) {
      const waiting = progress.wait(position, timeoutMs);
      kick();
      return waiting;
    },
    backlogEvents: () => backlog,
    async drain() {
      const { appended } = await store.positions();
      while (progress.projected < appended) {
        kick();
        if (running) await running;
        else await new Promise((resolve) => setImmediate(resolve));
        if (stopped) return;
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(poll);
      if (running) await running;
      progress.abandon();
    },
  };
}
