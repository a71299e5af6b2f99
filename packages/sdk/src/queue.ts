import { runCommand } from "./commands.js";
import type { Tracker } from "./tracker.js";

/**
 * A command queue as pages fill it: an array before the SDK is there, then an object with `push`.
 *
 * @example
 * (window.hrq = window.hrq || []).push(["page"]);
 */
export type CommandQueue = unknown[] | { push(...commands: unknown[]): void };

/**
 * Takes over the page's command queue (`window.hrq` by default): runs what was pushed before the
 * SDK loaded, in order, then replaces the array with an object whose `push` runs each command at
 * once. So `hrq = window.hrq || []; hrq.push([...])` works before and after load, unchanged.
 *
 * @example
 * attachQueue(createTracker({ key: "pk_live_1", endpoint: "https://tally.example.com" }), console.warn);
 */
export function attachQueue(tracker: Tracker, report?: (error: unknown) => void, target: Record<string, unknown> = window as never, name = "hrq"): void {
  const queued = target[name];
  const run = (command: unknown) => runCommand(tracker, command, report);
  target[name] = { push: (...commands: unknown[]) => void commands.forEach(run) } satisfies CommandQueue;
  if (Array.isArray(queued)) queued.forEach(run);
}
