import { Worker } from "node:worker_threads";
import { StoreUnavailableError } from "../errors.js";
import type { FraudCounts, Store } from "../store.js";
import type { DeliveryResult } from "../webhooks/deliverer.js";
import { createProgressByAppspace, type Appended, type Projector } from "./projector.js";

export interface WorkerProjectorOptions {
  /** This process's own store on the same database, for positions. */
  store: Store;
  /** The `--db` argument the worker opens its own store from. */
  db: string;
  /** The worker's module; defaults to `projector-worker.js` beside this file (a single executable passes its own). */
  script?: URL;
  sliceEvents?: number;
  log?: (message: string, error?: unknown) => void;
  /** Hears what the fraud rules did in each step, and each webhook delivery attempt's result (the metrics). */
  onFraud?: (counts: FraudCounts) => void;
  onDelivery?: (result: DeliveryResult) => void;
  /** Hears of every entry moved aside because it failed to project (the metrics). */
  onSetAside?: () => void;
}

/** The worker's heap cap: room for a slice's rollups, and a bound on the process's memory. */
export const WORKER_HEAP_MB = 512;

type WorkerMessage =
  | { type: "step"; appspace: number; position: number; backlog: number; busy?: boolean; fraud?: FraudCounts }
  | { type: "set-aside" }
  | { type: "progress"; appspace: number; position: number }
  | { type: "log"; message: string; error?: string }
  | { type: "delivery"; result: DeliveryResult }
  | { type: "erased"; id: number; error?: string; unavailable?: boolean }
  | { type: "stopped" };

/**
 * The projector on a worker thread (see `projector-worker.ts`), seen from the main thread as a
 * `Projector`: kicks go to the worker, positions come back from it. A worker that dies is
 * started again; the position it had committed is where the new one resumes.
 *
 * @example
 * const projector = createWorkerProjector({ store, db: "./tally.db" });
 */
export function createWorkerProjector(options: WorkerProjectorOptions): Projector {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ""));
  const progress = createProgressByAppspace();
  const backlog = new Map<number, number>();
  let stopping: Promise<void> | undefined;
  let sliceEvents = options.sliceEvents ?? 2000;
  let outOfMemory = false;
  /** Erases sent to the worker, by request id, until it answers; a worker started again gets them again (an erase may run twice). */
  const erasing = new Map<number, { message: unknown; resolve: () => void; reject: (error: Error) => void }>();
  let nextErase = 0;
  let worker = spawn();

  function spawn(): Worker {
    outOfMemory = false;
    const w = new Worker(options.script ?? new URL("./projector-worker.js", import.meta.url), {
      workerData: { db: options.db, sliceEvents },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 8 },
    });
    for (const pending of erasing.values()) w.postMessage(pending.message);
    w.on("message", (message: WorkerMessage) => {
      if (message.type === "step") {
        backlog.set(message.appspace, message.backlog);
        if (!message.busy) progress.of(message.appspace).advance(message.position);
        if (message.fraud) options.onFraud?.(message.fraud);
      } else if (message.type === "progress") progress.of(message.appspace).advance(message.position);
      else if (message.type === "set-aside") options.onSetAside?.();
      else if (message.type === "log") log(message.message, message.error);
      else if (message.type === "delivery") options.onDelivery?.(message.result);
      else if (message.type === "erased") {
        const waiting = erasing.get(message.id);
        erasing.delete(message.id);
        if (message.error === undefined) waiting?.resolve();
        else waiting?.reject(message.unavailable ? new StoreUnavailableError(message.error) : new Error(message.error));
      }
    });
    w.on("error", (error) => {
      outOfMemory = (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
      log("projector worker failed", error);
    });
    w.on("exit", (code) => {
      if (stopping) return;
      // A slice whose rollups do not fit the heap would fail the same way again: the next worker
      // takes half as many events a transaction (down to one entry), so projection goes on.
      if (outOfMemory && sliceEvents > 1) sliceEvents = Math.max(1, Math.floor(sliceEvents / 2));
      log(
        `projector worker exited (${code}); starting another${outOfMemory ? ` with slices of ${sliceEvents} events` : ""}`,
      );
      setTimeout(() => {
        if (!stopping) worker = spawn();
      }, 500).unref();
    });
    return w;
  }

  const kick = (appended?: Appended) => {
    const counts = (appended ?? []).map((a) => ({ appspaceSeq: a.appspaceSeq, events: a.events }));
    for (const a of counts) backlog.set(a.appspaceSeq, (backlog.get(a.appspaceSeq) ?? 0) + a.events);
    if (!stopping) worker.postMessage({ type: "kick", appended: counts });
  };

  return {
    kick,
    waitFor(appspace, position, timeoutMs) {
      const waiting = progress.of(appspace).wait(position, timeoutMs);
      // The worker waits too: on a shared store it follows another collector's projection while someone waits.
      if (!stopping) worker.postMessage({ type: "wait", appspace, position, timeoutMs });
      return waiting;
    },
    backlogEvents: (appspace) => backlog.get(appspace) ?? 0,
    async drain() {
      for (const appspace of await options.store.pendingAppspaces()) {
        const { appended } = await options.store.positions(appspace);
        await this.waitFor(appspace, appended, 2 ** 31 - 1);
      }
    },
    erase(appspace, userId) {
      const id = nextErase++;
      const message = { type: "erase", id, appspace, userId };
      return new Promise<void>((resolve, reject) => {
        erasing.set(id, { message, resolve, reject });
        worker.postMessage(message);
      });
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        worker.once("exit", () => resolve());
        worker.postMessage({ type: "stop" });
      }).then(() => progress.abandon());
      return stopping;
    },
  };
}
