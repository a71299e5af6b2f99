import { runCommand } from "./commands.js";
import { observeQueue } from "./observe.js";
import type { Tracker } from "./tracker.js";

/**
 * A command queue as pages fill it: an array before the SDK is there, then an object with `push`.
 *
 * @example
 * (window.hrq = window.hrq || []).push(["page"]);
 */
export type CommandQueue = unknown[] | { push(...commands: unknown[]): unknown };

/**
 * Serves the page's command queue (`window.hrq` by default, or `name`). Taking it over: runs
 * what was pushed before the SDK loaded, in order, then replaces the array with an object whose
 * `push` runs each command at once, so `hrq = window.hrq || []; hrq.push([...])` works before
 * and after load, unchanged. With `observe`, beside Hello Retail's own SDK: the queue stays that
 * SDK's, and this one only watches what is pushed (see {@link observeQueue}).
 *
 * @example
 * attachQueue(createTracker({ key: "pk_live_1", endpoint: "https://tally.example.com" }), console.warn);
 * attachQueue(tracker, console.warn, window, "hrq", true); // beside Hello Retail's SDK
 */
export function attachQueue(
  tracker: Tracker,
  report?: (error: unknown) => void,
  target: Record<string, unknown> = window as never,
  name = "hrq",
  observe?: boolean,
): void {
  const run = (command: unknown) => runCommand(tracker, command, report, observe);
  if (observe) {
    observeQueue(target, name, run);
    return;
  }
  const queued = target[name];
  target[name] = { push: (...commands: unknown[]) => void commands.forEach(run) } satisfies CommandQueue;
  if (Array.isArray(queued)) queued.forEach(run);
}
