// The script-tag build: <script async src="https://COLLECTOR/tally.js" data-key="pk_…"></script>.
// It reads the data-* attributes, creates the tracker and drains `window.hrq`, the command queue
// a page may fill before the script has loaded (Hello Retail's snippet works as it is).
import { runCommand } from "./commands.js";
import { createTracker } from "./tracker.js";

type Queue = unknown[] | { push(...commands: unknown[]): void };
const w = window as unknown as { hrq?: Queue; tally?: ReturnType<typeof createTracker> };
const script = document.currentScript as HTMLScriptElement | null;
const data = script?.dataset ?? {};
const queued = Array.isArray(w.hrq) ? w.hrq : [];
const report = (error: unknown) => (data.debug !== undefined ? console.warn("[tally]", error) : undefined);

if (!w.tally) {
  try {
    const tracker = createTracker({
      key: data.key!,
      endpoint: data.endpoint ?? (script?.src ? new URL(script.src).origin : location.origin),
      debug: data.debug !== undefined,
      respectDnt: data.respectDnt !== undefined,
    });
    w.tally = tracker;
    const run = (command: unknown) => runCommand(tracker, command, report);
    w.hrq = { push: (...commands: unknown[]) => commands.forEach(run) };
    queued.forEach(run);
  } catch (error) {
    console.warn("[tally] not started:", error);
  }
}
