import { describe, expect, it } from "vitest";
import { observeQueue } from "./observe.js";
import { attachQueue } from "./queue.js";
import type { Tracker } from "./tracker.js";

/**
 * A stand-in for Hello Retail's own SDK, consuming the queue as its documentation describes the
 * snippet: the page pushes `[name, …args, callback]` onto `hrq` before or after it loads; when it
 * loads it runs what the array holds and replaces `window.hrq` with its own object.
 */
function loadVendor(w: Record<string, unknown>, log: string[]) {
  const run = (command: unknown[]) => {
    const [name, data, callback] = command as [string, { orderNumber?: string }, (() => void) | undefined];
    log.push(`vendor ${name} ${data?.orderNumber ?? ""}`.trim());
    callback?.();
  };
  const queued = Array.isArray(w.hrq) ? (w.hrq as unknown[][]) : [];
  w.hrq = { push: (...commands: unknown[][]) => commands.forEach(run) };
  queued.forEach(run);
}

/** The page's own snippet, as Hello Retail documents it. */
function push(w: Record<string, unknown>, orderNumber: string, done: string[]) {
  w.hrq = w.hrq || [];
  (w.hrq as { push(c: unknown): void }).push([
    "trackConversion",
    { total: 1, orderNumber, productNumbers: ["p"] },
    () => done.push(orderNumber),
  ]);
}

/** A tracker that records its conversions. */
function tracker(seen: string[]) {
  return { trackConversion: async (c: { orderNumber: string }) => void seen.push(c.orderNumber) } as unknown as Tracker;
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("attachQueue with observe, beside Hello Retail's SDK", () => {
  it("loaded first: sees every push once while the vendor drains the queue and calls each callback once", async () => {
    const w: Record<string, unknown> = {};
    const [seen, done, log] = [[], [], []] as string[][];
    push(w, "before", done);
    attachQueue(tracker(seen), undefined, w, "hrq", true);
    push(w, "between", done);
    expect(Array.isArray(w.hrq)).toBe(true); // still the page's array, for the vendor to drain
    loadVendor(w, log);
    push(w, "after", done);
    await tick();
    expect(seen).toEqual(["before", "between", "after"]);
    expect(log).toEqual([
      "vendor trackConversion before",
      "vendor trackConversion between",
      "vendor trackConversion after",
    ]);
    expect(done).toEqual(["before", "between", "after"]);
  });

  it("loaded second: sees what is pushed from then on, and the vendor still runs everything once", async () => {
    const w: Record<string, unknown> = {};
    const [seen, done, log] = [[], [], []] as string[][];
    push(w, "before", done);
    loadVendor(w, log);
    push(w, "between", done);
    attachQueue(tracker(seen), undefined, w, "hrq", true);
    push(w, "after", done);
    await tick();
    expect(seen).toEqual(["after"]);
    expect(log).toEqual([
      "vendor trackConversion before",
      "vendor trackConversion between",
      "vendor trackConversion after",
    ]);
    expect(done).toEqual(["before", "between", "after"]);
  });

  it("ignores the vendor's own commands, and reports nothing for them", async () => {
    const w: Record<string, unknown> = { hrq: [["loadPage", "key", {}, () => {}], ["trackPageView"]] };
    const errors: unknown[] = [];
    attachQueue({} as Tracker, (e) => errors.push(e), w, "hrq", true);
    await tick();
    expect(errors).toEqual([]);
  });

  it("takes a queue of another name with data-queue", async () => {
    const w: Record<string, unknown> = { myq: [["trackConversion", { orderNumber: "o-1" }]] };
    const seen: string[] = [];
    attachQueue(tracker(seen), undefined, w, "myq");
    await tick();
    expect(seen).toEqual(["o-1"]);
    expect(Array.isArray(w.myq)).toBe(false); // taken over: an object whose push runs at once
    expect(w.hrq).toBeUndefined();
  });
});

describe("observeQueue", () => {
  it("sees a command once even when the owner pushes the array's commands into its own object", () => {
    const w: Record<string, unknown> = { hrq: [] };
    const seen: unknown[] = [];
    observeQueue(w, "hrq", (c) => seen.push(c));
    const command = ["trackConversion", {}];
    (w.hrq as unknown[]).push(command);
    const queued = w.hrq as unknown[];
    w.hrq = { push: () => 0 };
    for (const c of queued) (w.hrq as { push(c: unknown): void }).push(c);
    expect(seen).toEqual([command]);
  });

  it("keeps what push answers, and wraps a queue that appears later", () => {
    const w: Record<string, unknown> = {};
    const seen: unknown[] = [];
    observeQueue(w, "hrq", (c) => seen.push(c));
    w.hrq = w.hrq || [];
    expect((w.hrq as unknown[]).push(["page"])).toBe(1);
    expect(seen).toEqual([["page"]]);
  });
});
