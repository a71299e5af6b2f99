export { createTracker, type Tracker, type TrackerOptions, type Fields } from "./tracker.js";
export { runCommand } from "./commands.js";
export { TallyUsageError, type Conversion } from "./events.js";
export { memoryCell, idbCell, type Cell } from "./store.js";
export { derivedId } from "./hash.js";
