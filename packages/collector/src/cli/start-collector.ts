import { createApp, type App, type AppOptions } from "../app.js";
import type { CollectorAssets } from "../assets/collector-assets.js";
import { uuidv7 } from "../ingest/event-id.js";
import { startBackgroundJobs, type BackgroundJobs } from "../projector/background-jobs.js";
import { createProjector, type Projector } from "../projector/projector.js";
import { createWorkerProjector } from "../projector/worker-projector.js";
import type { FraudCounts } from "../store.js";
import type { DeliveryResult } from "../webhooks/deliverer.js";

export interface CollectorOptions extends Omit<AppOptions, "projector"> {
  /**
   * The `--db` argument the store was opened from: projection then runs on a worker thread with
   * its own connection to it, the background jobs beside it. Without one (or with `:memory:`,
   * which exists only on this thread's connection) both run on this thread.
   */
  db?: string;
  /** Events per projector transaction. */
  sliceEvents?: number;
  /** How often the rates are looked at while no request needs them, so a broken file is reported at once. */
  ratesCheckMs?: number;
  /** Hears what the fraud rules did in each projection step (the metrics). */
  onFraud?: (counts: FraudCounts) => void;
  /** Hears of every inbox entry moved aside (the metrics). */
  onSetAside?: () => void;
  /** Hears each webhook delivery attempt's result (the metrics). */
  onDelivery?: (result: DeliveryResult) => void;
  assets?: CollectorAssets;
}

export interface Collector {
  app: App;
  projector: Projector;
  /** Stops the projector, the background jobs and the rates watcher (the store stays open). */
  stop(): Promise<void>;
}

/**
 * The collector running: the projector started (so a backlog left by a crash is applied before
 * queries answer), the webhook deliverer, the abandoned-cart and retention jobs, the rates
 * watcher, and the app over them. What `serve` runs, and what a program embedding the collector
 * calls; `createApp` alone starts none of it.
 *
 * @example
 * const store = createSqliteStore({ file: "./tally.db" });
 * const { app, stop } = startCollector({ store, db: "./tally.db", rates: watchRatesFile() });
 * serve({ fetch: app.fetch, port: 8787 });
 */
export function startCollector(options: CollectorOptions): Collector {
  const { db, sliceEvents, ratesCheckMs = 5_000, onFraud, onSetAside, onDelivery, ...appOptions } = options;
  const { store } = options;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ""));
  const clock = options.clock ?? Date.now;
  const newId = options.newId ?? (() => uuidv7());
  let jobs: BackgroundJobs | undefined;
  let projector: Projector;
  if (db !== undefined && db !== ":memory:") {
    // Projection on a worker thread: the second core derives while this one acknowledges, in a
    // heap of its own; the background jobs write from the same thread (on SQLite a second writer
    // here would wait synchronously behind projection).
    projector = createWorkerProjector({
      store,
      db,
      script: options.assets?.projectorWorker(),
      sliceEvents,
      log,
      onFraud,
      onDelivery,
      onSetAside,
    });
  } else {
    projector = createProjector({
      store,
      log,
      newId,
      clock,
      sliceEvents,
      onStep: (step) => step.fraud && onFraud?.(step.fraud),
      onSetAside: () => onSetAside?.(),
    });
    jobs = startBackgroundJobs(store, { log: (m) => log(m), onDelivery, clock });
  }
  const app = createApp({ ...appOptions, newId, projector });
  projector.kick();
  const ratesCheck = setInterval(() => options.rates.get(), ratesCheckMs).unref();
  return {
    app,
    projector,
    async stop() {
      clearInterval(ratesCheck);
      await Promise.all([projector.stop(), jobs?.stop()]);
    },
  };
}
