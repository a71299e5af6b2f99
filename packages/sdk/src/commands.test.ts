import { describe, expect, it } from "vitest";
import { runCommand } from "./commands.js";
import { attachQueue } from "./queue.js";
import type { Tracker } from "./tracker.js";

/** A tracker that records its calls; `track` resolves when `done` is called for it. */
function recording() {
  const calls: unknown[][] = [];
  const waiting: (() => void)[] = [];
  const method =
    (name: string) =>
    (...args: unknown[]) => (calls.push([name, ...args]), new Promise<void>((r) => waiting.push(r)));
  const tracker = Object.fromEntries(
    ["track", "purchase", "refund", "trackConversion", "identify", "page", "consent", "flush", "config"].map((n) => [
      n,
      method(n),
    ]),
  ) as unknown as Tracker;
  return { tracker, calls, settle: () => waiting.splice(0).forEach((r) => r()) };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("runCommand", () => {
  it("calls the tracker method with the command's arguments", async () => {
    const { tracker, calls } = recording();
    runCommand(tracker, ["track", "add_to_cart", { items: [{ item_id: "a" }] }]);
    runCommand(tracker, ["trackConversion", { total: 1, orderNumber: "o" }]);
    runCommand(tracker, ["purchase", { transaction_id: "o", revenue: 1 }]);
    runCommand(tracker, ["refund", { transaction_id: "o", revenue: 1 }]);
    runCommand(tracker, ["identify", "user-9"]);
    runCommand(tracker, ["page"]);
    runCommand(tracker, ["consent", false]);
    runCommand(tracker, ["flush"]);
    runCommand(tracker, ["config", { debug: true }]);
    await tick();
    expect(calls).toEqual([
      ["track", "add_to_cart", { items: [{ item_id: "a" }] }],
      ["trackConversion", { total: 1, orderNumber: "o" }],
      ["purchase", { transaction_id: "o", revenue: 1 }],
      ["refund", { transaction_id: "o", revenue: 1 }],
      ["identify", "user-9"],
      ["page"],
      ["consent", false],
      ["flush"],
      ["config", { debug: true }],
    ]);
  });

  it("runs the callback once, without arguments, only after the method is done", async () => {
    const { tracker, settle } = recording();
    const seen: unknown[][] = [];
    runCommand(tracker, ["trackConversion", { total: 1, orderNumber: "o" }, (...args: unknown[]) => seen.push(args)]);
    await tick();
    expect(seen).toEqual([]);
    settle();
    await tick();
    expect(seen).toEqual([[]]);
  });

  it("still runs the callback when the command fails, and reports the failure", async () => {
    const errors: unknown[] = [];
    const ran: string[] = [];
    const failing = {
      track: () => {
        throw new Error("bad event");
      },
    } as unknown as Tracker;
    runCommand(failing, ["track", "nope", () => ran.push("track")], (e) => errors.push(e));
    runCommand(failing, ["destroyEverything", () => ran.push("unknown")], (e) => errors.push(e));
    runCommand(failing, "not even an array", (e) => errors.push(e));
    await tick();
    expect(ran.sort()).toEqual(["track", "unknown"]);
    expect(errors.map(String)).toEqual([
      "Error: bad event",
      "TallyError: Tally sdk.unknown_command: destroyEverything",
      "TallyError: Tally sdk.unknown_command: not even an array",
    ]);
  });

  it("reports a callback that throws instead of throwing it into the page", async () => {
    const { tracker, settle } = recording();
    const errors: unknown[] = [];
    runCommand(
      tracker,
      [
        "page",
        () => {
          throw new Error("the shop's callback");
        },
      ],
      (e) => errors.push(e),
    );
    await tick();
    settle();
    await tick();
    expect(String(errors[0])).toMatch(/the shop's callback/);
  });
});

describe("attachQueue", () => {
  it("runs what the page queued before, in order, then each command pushed after at once", async () => {
    const { tracker, calls } = recording();
    const page: Record<string, unknown> = {
      hrq: [
        ["identify", "u-1"],
        ["track", "view_cart", {}],
      ],
    };
    attachQueue(tracker, undefined, page);
    await tick();
    expect(calls).toEqual([
      ["identify", "u-1"],
      ["track", "view_cart", {}],
    ]);
    // Hello Retail's snippet after load: `hrq = window.hrq || []` keeps the object.
    const hrq = (page.hrq ||= []) as { push(...c: unknown[]): void };
    hrq.push(["page"], ["flush"]);
    await tick();
    expect(calls.slice(2)).toEqual([["page"], ["flush"]]);
    expect(Array.isArray(page.hrq)).toBe(false);
  });

  it("takes over a queue that does not exist yet", async () => {
    const { tracker, calls } = recording();
    const page: Record<string, unknown> = {};
    attachQueue(tracker, undefined, page, "tallyq");
    (page.tallyq as { push(c: unknown): void }).push(["page"]);
    await tick();
    expect(calls).toEqual([["page"]]);
  });
});
