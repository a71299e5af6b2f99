import { describe, expect, it } from "vitest";
import type { Entry } from "./outbox.js";
import { BEACON_BYTES, batchBody, beaconAll, pack } from "./transport.js";

const entry = (id: string, bytes = 100, type = "view_item"): Entry => ({
  id,
  at: 0,
  event: { event_type: type, event_id: id, properties: { pad: "x".repeat(bytes) } },
});

describe("pack", () => {
  it("keeps batches at 100 events and under the byte limit, in order", () => {
    const batches = pack(Array.from({ length: 250 }, (_, i) => entry(`e${i}`, 10)), 1e9);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    const sized = pack(Array.from({ length: 10 }, (_, i) => entry(`s${i}`, 20_000)), BEACON_BYTES);
    for (const b of sized) expect(batchBody(b).length).toBeLessThan(BEACON_BYTES);
    expect(sized.flat().map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => `s${i}`));
  });

  it("puts an entry larger than the limit in a batch of its own", () => {
    expect(pack([entry("a", 10), entry("big", 70_000), entry("b", 10)], BEACON_BYTES).map((b) => b.map((e) => e.id))).toEqual([["a"], ["big"], ["b"]]);
  });

  it("adds the loss counts only when there are any", () => {
    expect(JSON.parse(batchBody([entry("a")], { dropped: 0, expired: 0 }))).not.toHaveProperty("sdk");
    expect(JSON.parse(batchBody([entry("a")], { dropped: 2, expired: 0 })).sdk).toEqual({ dropped: 2, expired: 0 });
  });
});

describe("beaconAll", () => {
  it("splits a refused beacon in halves until each part goes, and reports what no beacon took", () => {
    const sent: string[][] = [];
    const beacon = (_url: string, body: string) => {
      const ids = JSON.parse(body).events.map((e: { event_id: string }) => e.event_id);
      if (ids.length > 2 || ids.includes("refused")) return false;
      sent.push(ids);
      return true;
    };
    const left = beaconAll("u", ["a", "b", "c", "d", "refused"].map((id) => entry(id)), beacon);
    expect(sent.flat().sort()).toEqual(["a", "b", "c", "d"]);
    expect(left.map((e) => e.id)).toEqual(["refused"]);
  });

  it("never puts more than the beacon limit in one beacon", () => {
    const sizes: number[] = [];
    beaconAll("u", Array.from({ length: 40 }, (_, i) => entry(`e${i}`, 5000)), (_u, body) => (sizes.push(body.length), true));
    expect(sizes.length).toBeGreaterThan(2);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(BEACON_BYTES);
  });
});
