// The npm way to load Tally on a multi-page shop: import the SDK, create a tracker, and serve
// the same `hrq` queue the script tag serves, so the shop's snippets stay as they are.
import { createTracker, runCommand } from "@tally/sdk";

declare global {
  interface Window {
    TALLY: { key: string; endpoint: string };
    hrq?: unknown[] | { push(...commands: unknown[]): void };
  }
}

const tracker = createTracker({
  key: window.TALLY.key,
  endpoint: window.TALLY.endpoint,
  onError: (e) => console.warn("[tally]", e),
});
const queued = Array.isArray(window.hrq) ? window.hrq : [];
const run = (command: unknown) => runCommand(tracker, command, (e) => console.warn("[tally]", e));
window.hrq = { push: (...commands: unknown[]) => commands.forEach(run) };
queued.forEach(run);
