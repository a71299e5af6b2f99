import { StoreUnavailableError } from "../errors.js";
import { uuidv7 } from "../ingest/event-id.js";
import { decodeEntry } from "../ingest/inbox-entry.js";
import { projectSlice } from "../projection/project-slice.js";
import { erasePerson } from "../projection/erase.js";
import type { SliceWork } from "../projection/ledger.js";
import type { DecodedEntry, InboxPort, ProjectionStep, Store } from "../store.js";
import { createProgress } from "./progress.js";

export interface ProjectorOptions {
  /** The inbox it projects, and whether other collectors share it. */
  store: InboxPort & Pick<Store, "shared" | "withLedger" | "scrubAfterErase">;
  /** The most events applied per transaction: large enough to share a commit's cost, small enough that requests between slices wait little. */
  sliceEvents?: number;
  /**
   * How long a step should take: slices are sized from the last steps' speed so that one
   * appspace's slice never holds another appspace's entries back for longer (default 200 ms).
   */
  stepMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** How long to wait before trying again after a failed step. */
  retryMs?: number;
  /** Makes an event id for events sent without one. */
  newId?: () => string;
  /** Reads an inbox entry's text (by default `decodeEntry`, minting ids with `newId`). */
  decode?: (text: string) => DecodedEntry;
  /** Hears of every step, with the appspace's events still waiting after it. */
  onStep?: (step: ProjectionStep) => void;
  /** Hears where an appspace stands when it learned it from the store rather than from a step (another collector's work). */
  onProgress?: (appspace: number, position: number) => void;
  /** Hears of every entry moved aside because it failed to project, alone, twice. */
  onSetAside?: (appspace: number, seq: number, reason: string) => void;
  /**
   * On a shared store (`store.shared`): how often to look for entries other collectors appended,
   * or left behind when they died. A query waiting meanwhile looks every `BUSY_POLL_MS`.
   */
  pollMs?: number;
  /** Epoch milliseconds now: the time a slice is projected at (fraud windows, retention). */
  clock?: () => number;
}

/** How soon a projector that found another projecting looks again while a query waits. */
export const BUSY_POLL_MS = 25;

/** Entries just committed to the inbox, per appspace. */
export type Appended = ReadonlyArray<{ appspaceSeq: number; events: number }>;

export interface Projector {
  /** Starts projecting (or goes on); `appended` were just committed to the inbox. */
  kick(appended?: Appended): void;
  /** Resolves true once every entry of the appspace up to `position` is projected, false after `timeoutMs`. */
  waitFor(appspace: number, position: number, timeoutMs: number): Promise<boolean>;
  /** The appspace's events acknowledged and not yet projected, as last known (no store round trip). */
  backlogEvents(appspace: number): number;
  /** Resolves once everything appended so far is projected. */
  drain(): Promise<void>;
  /** Stops after the step in progress. */
  stop(): Promise<void>;
  /**
   * Erases a person (`projection/erase.ts`), on the connection and thread that write the
   * database, between two steps: an erase never waits on another writer's lock.
   */
  erase(appspace: number, userId: string): Promise<void>;
}

/** Each appspace's progress, and who waits on it. */
export function createProgressByAppspace() {
  const byAppspace = new Map<number, ReturnType<typeof createProgress>>();
  const of = (appspace: number) => {
    let progress = byAppspace.get(appspace);
    if (!progress) byAppspace.set(appspace, (progress = createProgress()));
    return progress;
  };
  return {
    of,
    /** The appspaces someone waits for. */
    waitingFor(): number[] {
      return [...byAppspace].filter(([, p]) => p.waiting > 0).map(([appspace]) => appspace);
    },
    abandon() {
      for (const p of byAppspace.values()) p.abandon();
    },
  };
}

/**
 * The projector folds the inbox into stored events and read tables, off the request path. Work
 * is taken per appspace, in turn: each pass gives every appspace with a backlog one slice of
 * `sliceEvents` (one store transaction), so one appspace's burst never queues another's entries
 * behind it. It yields to the event loop between slices so requests are answered meanwhile, runs
 * while there is a backlog and sleeps when there is none until the next `kick`. Where each
 * appspace stands is read from the store, so a restart resumes at the last committed slice and
 * nothing is applied twice.
 *
 * A step that fails is tried again with the appspace's next entry alone; failing again, that
 * entry is moved aside (`inbox_rejected`, logged once) and the rest goes on.
 *
 * @example
 * const projector = createProjector({ store });
 * projector.kick();
 * await projector.waitFor(appspace, (await store.positions(appspace)).appended, 5000);
 */
export function createProjector(options: ProjectorOptions): Projector {
  const { store } = options;
  const sliceEvents = options.sliceEvents ?? 2000;
  const stepMs = options.stepMs ?? 200;
  /** Events a millisecond, as the last steps went; sizes the next slice. */
  let speed: number | undefined;
  const nextSlice = () =>
    Math.max(1, Math.min(sliceEvents, speed === undefined ? 500 : Math.max(100, Math.round(speed * stepMs))));
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ""));
  const retryMs = options.retryMs ?? 1000;
  const newId = options.newId ?? (() => uuidv7());
  const decode = options.decode ?? ((text: string) => decodeEntry(text, newId));
  const clock = options.clock ?? Date.now;
  const work =
    (appspace: number): SliceWork =>
    (entries) =>
      projectSlice(appspace, entries, decode, clock());

  const progress = createProgressByAppspace();
  const backlog = new Map<number, number>();
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  const pollMs = store.shared ? (options.pollMs ?? 1000) : undefined;

  /** One appspace's next slice; a failing one is narrowed to its first entry, then that entry is set aside. */
  async function step(appspace: number): Promise<ProjectionStep> {
    try {
      const started = performance.now();
      const done = await store.project(appspace, nextSlice(), work(appspace));
      const ms = performance.now() - started;
      if (done.events >= 50 && ms > 0) speed = speed === undefined ? done.events / ms : (speed + done.events / ms) / 2;
      return done;
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      try {
        return await store.project(appspace, 1, work(appspace));
      } catch (alone) {
        if (alone instanceof StoreUnavailableError) throw alone;
        const reason = alone instanceof Error ? alone.message : String(alone);
        const seq = await store.setAside(appspace, reason);
        if (seq !== undefined) {
          log(
            `projector: inbox entry ${seq} of appspace ${appspace} failed to project and was moved aside to inbox_rejected: ${reason}`,
          );
          options.onSetAside?.(appspace, seq, reason);
        }
        return {
          appspace,
          entries: 0,
          events: 0,
          position: 0,
          rejected: [],
          backlogEvents: (await store.positions(appspace)).backlogEvents,
        };
      }
    }
  }

  async function loop() {
    try {
      for (;;) {
        again = false;
        const pending = await store.pendingAppspaces();
        for (const appspace of backlog.keys()) if (!pending.includes(appspace)) backlog.delete(appspace);
        // Waiters on an appspace with nothing left see the position the store has (another collector's work).
        for (const appspace of progress.waitingFor()) {
          if (pending.includes(appspace)) continue;
          const { projected } = await store.positions(appspace);
          progress.of(appspace).advance(projected);
          options.onProgress?.(appspace, projected);
        }
        let progressed = false;
        let busy = false;
        // One slice per appspace per pass, the smallest backlogs first: a shop with a purchase
        // or two waiting goes before one in the middle of a burst.
        pending.sort((a, b) => (backlog.get(a) ?? 0) - (backlog.get(b) ?? 0));
        for (const appspace of pending) {
          if (stopped) return;
          const s = await step(appspace);
          for (const r of s.rejected) log(`projector: inbox entry ${r.seq} moved aside to inbox_rejected: ${r.reason}`);
          backlog.set(appspace, s.backlogEvents);
          if (s.busy) busy = true;
          else {
            if (s.entries > 0) progressed = true;
            progress.of(appspace).advance(s.position);
          }
          options.onStep?.(s);
          // Let the requests that arrived during the slice in before the next one.
          await new Promise((resolve) => setImmediate(resolve));
        }
        if (stopped) return;
        if (busy && !progressed) {
          // Other collectors hold the partitions: follow their progress while a query waits on it.
          if (!again && progress.waitingFor().length === 0) break;
          await new Promise((resolve) => setTimeout(resolve, BUSY_POLL_MS));
          continue;
        }
        if (pending.length === 0 && !again) break;
      }
    } catch (error) {
      if (error instanceof StoreUnavailableError) log("projector: the database is unavailable; trying again shortly");
      else log("projector: a step failed; trying again shortly", error);
      if (!stopped) retry = setTimeout(kick, retryMs);
    }
  }

  function kick(appended?: Appended) {
    for (const a of appended ?? []) backlog.set(a.appspaceSeq, (backlog.get(a.appspaceSeq) ?? 0) + a.events);
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
    waitFor(appspace, position, timeoutMs) {
      const waiting = progress.of(appspace).wait(position, timeoutMs);
      kick();
      return waiting;
    },
    backlogEvents: (appspace) => backlog.get(appspace) ?? 0,
    async drain() {
      for (;;) {
        const pending = await store.pendingAppspaces();
        if (pending.length === 0 || stopped) return;
        kick();
        if (running) await running;
        else await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(poll);
      if (running) await running;
      progress.abandon();
    },
    async erase(appspace, userId) {
      await store.withLedger(appspace, erasePerson(appspace, userId));
      await store.scrubAfterErase(appspace);
    },
  };
}
