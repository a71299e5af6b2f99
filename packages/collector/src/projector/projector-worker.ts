// The projector in a worker thread: its own store connection, so projection runs on the second
// core while the main thread answers requests. Reports each step's position to the main thread.
// The jobs that write the main database besides projection (webhooks, retention) run here too.
import { parentPort, workerData } from "node:worker_threads";
import { openStore } from "../open-store.js";
import { StoreUnavailableError } from "../errors.js";
import { createProjector, type Appended } from "./projector.js";
import { startBackgroundJobs } from "./background-jobs.js";

const { db, sliceEvents } = workerData as { db: string; sliceEvents?: number };
const port = parentPort!;
const store = await openStore(db);
const projector = createProjector({
  store,
  sliceEvents,
  log: (message, error) =>
    port.postMessage({ type: "log", message, error: error === undefined ? undefined : String(error) }),
  onStep: (step) =>
    port.postMessage({
      type: "step",
      appspace: step.appspace,
      position: step.position,
      backlog: step.backlogEvents,
      busy: step.busy,
      fraud: step.fraud,
    }),
  onSetAside: () => port.postMessage({ type: "set-aside" }),
  onProgress: (appspace, position) => port.postMessage({ type: "progress", appspace, position }),
});
const jobs = startBackgroundJobs(store, {
  log: (message) => port.postMessage({ type: "log", message }),
  onDelivery: (result) => port.postMessage({ type: "delivery", result }),
});

type Message =
  | { type: "kick"; appended: Appended }
  | { type: "wait"; appspace: number; position: number; timeoutMs: number }
  | { type: "erase"; id: number; appspace: number; userId: string }
  | { type: "stop" };

port.on("message", async (message: Message) => {
  if (message.type === "kick") projector.kick(message.appended);
  else if (message.type === "wait") void projector.waitFor(message.appspace, message.position, message.timeoutMs);
  else if (message.type === "erase") {
    const { id } = message;
    projector.erase(message.appspace, message.userId).then(
      () => port.postMessage({ type: "erased", id }),
      (error: unknown) =>
        port.postMessage({
          type: "erased",
          id,
          error: error instanceof Error ? error.message : String(error),
          unavailable: error instanceof StoreUnavailableError,
        }),
    );
  } else {
    await Promise.all([projector.stop(), jobs.stop()]);
    await store.close();
    port.postMessage({ type: "stopped" });
    port.close();
  }
});
projector.kick();
