import type { Tracker } from "./tracker.js";

const COMMANDS = ["trackConversion", "track", "purchase", "refund", "identify", "page", "consent", "flush", "config"];

/**
 * Runs one queued command (`["trackConversion", data, callback]`, `["track", type, fields, cb]`,
 * …). Never throws: a problem goes to `report`. The callback, if any, runs exactly once, after
 * the event is in the outbox (or found to be a repeat), and also when the command failed, so the
 * shop's own flow goes on.
 *
 * @example
 * runCommand(tracker, ["purchase", { transaction_id: "o1", revenue: 10 }, () => console.log("tracked")], console.warn);
 */
export function runCommand(tracker: Tracker, command: unknown, report: (error: unknown) => void): void {
  const args = Array.isArray(command) ? [...command] : [];
  const callback = typeof args[args.length - 1] === "function" ? (args.pop() as () => void) : undefined;
  const [name, a, b] = args as [keyof Tracker, never, never];
  Promise.resolve()
    .then(() => {
      if (!COMMANDS.includes(name)) throw new Error(`Unknown command ${name}`);
      return (tracker[name] as (a: unknown, b: unknown) => unknown)(a, b);
    })
    .catch(report)
    .then(() => {
      try {
        callback?.();
      } catch (error) {
        report(error);
      }
    });
}
