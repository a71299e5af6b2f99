// The npm build: `import { createTracker } from "@tally/sdk"`. The script tag (entry-script.ts)
// is a thin wrapper over the same core. The event model (fields, names, limits, the Hello
// Retail mapping) is @tally/schema's.
export { createTracker, type Tracker, type TrackerOptions, type TrackerConfig } from "./tracker.js";
export { runCommand } from "./commands.js";
export { attachQueue, type CommandQueue } from "./queue.js";
export { observeQueue } from "./observe.js";
export { TallyError, TallyUsageError } from "./errors.js";
export { checkEvent, checkConversion } from "./check-event.js";
export {
  orderType,
  conversionFields,
  type Conversion,
  type EventFields,
  type ItemInput as Item,
} from "@tally/schema/model";
export type { TallyEvent } from "./event.js";
export type { EventContext, Campaign } from "./context.js";
export { createOutbox, type Outbox, type Entry, type Taken, type Outcome, type Losses } from "./outbox.js";
export { claim, type Orders } from "./guard.js";
export { idbStore, memoryStore, type Store } from "./store.js";
export { fetchTransport, type Transport, type Answer } from "./transport.js";
export { derivedId, randomId } from "./ids.js";
