import { TallyError } from "./errors.js";
import type { Tracker } from "./tracker.js";

/**
 * Runs one queued command, as Hello Retail's `hrq` takes them: `["trackConversion", data,
 * callback]`, `["track", type, fields, callback]`, `["purchase", fields]`, `["refund", fields]`,
 * `["identify", userId]`, `["page"]`, `["consent", false]`, `["flush", callback]`,
 * `["config", { debug: true }]`. Never throws: a problem goes to `report` as a `TallyError`.
 * The callback (a function as the last element) runs exactly once, after the event is in the
 * outbox, or was found to be a repeat, or the command failed, so the shop's own flow always goes
 * on. With `observe`, the queue belongs to another SDK (Hello Retail's own): that one runs the
 * callback and knows commands this one does not, so neither happens here.
 *
 * @example
 * runCommand(tracker, ["trackConversion", { total: 10, orderNumber: "o-1", productNumbers: ["p-1"] }, () => console.log("tracked")], console.warn);
 */
export function runCommand(
  tracker: Tracker,
  command: unknown,
  report: (error: unknown) => void = () => {},
  observe?: boolean,
): void {
  const args: unknown[] = [].concat(command as never);
  const callback = typeof args[args.length - 1] == "function" ? (args.pop() as () => void) : undefined;
  const name = args.shift() as keyof Tracker;
  // Own methods only: "toString" is no command.
  const method = {}.hasOwnProperty.call(tracker, name) && (tracker[name] as (...a: unknown[]) => unknown);
  Promise.resolve()
    .then(() => {
      if (method) return method(...args);
      if (!observe) throw new TallyError("sdk.unknown_command", name);
    })
    .catch(report)
    .then(() => observe || callback?.())
    .catch((error) => report(new TallyError("sdk.callback", error)));
}
