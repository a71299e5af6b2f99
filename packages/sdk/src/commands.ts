import type { Tracker } from "./tracker.js";

/**
 * Runs one queued command, as Hello Retail's `hrq` takes them: `["trackConversion", data,
 * callback]`, `["track", type, fields, callback]`, `["purchase", fields]`, `["refund", fields]`,
 * `["identify", userId]`, `["page"]`, `["consent", false]`, `["flush", callback]`,
 * `["config", { debug: true }]`. Never throws: a problem goes to `report`. The callback (a
 * function as the last element) runs exactly once, after the event is in the outbox, or was
 * found to be a repeat, or the command failed, so the shop's own flow always goes on.
 *
 * @example
 * runCommand(tracker, ["trackConversion", { total: 10, orderNumber: "o-1", productNumbers: ["p-1"] }, () => console.log("tracked")], console.warn);
 */
export function runCommand(tracker: Tracker, command: unknown, report: (error: unknown) => void = () => {}): void {
  const args: unknown[] = [].concat(command as never);
  const callback = typeof args[args.length - 1] == "function" ? (args.pop() as () => void) : undefined;
  const name = args.shift() as keyof Tracker;
  Promise.resolve()
    .then(() => {
      if (!tracker[name]) throw Error(`Tally: unknown command ${name}`);
      return (tracker[name] as (...a: unknown[]) => unknown)(...args);
    })
    .catch(report)
    .then(() => callback && callback())
    .catch(report);
}
