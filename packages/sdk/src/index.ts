// The npm build: `import { createTracker } from "@tally/sdk"`. The script tag (entry-script.ts)
// is a thin wrapper over the same core.
export { createTracker, type Tracker, type TrackerOptions, type TrackerConfig } from "./tracker.js";
export { runCommand } from "./commands.js";
export { attachQueue, type CommandQueue } from "./queue.js";
export { TallyUsageError, checkEvent, orderType } from "./event-types.js";
export { conversionFields, type Conversion } from "./conversion.js";
export type { EventFields, Item, TallyEvent } from "./event.js";
export type { EventContext, Campaign } from "./context.js";
export { createOutbox, type Outbox, type Entry, type Taken, type Outcome, type Losses } from "./outbox.js";
export { claim, type Orders } from "./guard.js";
export { idbStore, memoryStore, type Store } from "./store.js";
export { fetchTransport, type Transport, type Answer } from "./transport.js";
export { derivedId, randomId } from "./ids.js";
