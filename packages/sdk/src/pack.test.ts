import { describe, expect, it } from "vitest";
import type { TallyEvent } from "./event.js";
import type { Entry } from "./outbox.js";
import { BEACON_BYTES, SPLIT_BYTES, batchBody, beaconAll, pack } from "./pack.js";

const entry = (id: string, bytes = 100, type = "view_item"): Entry => ({
  id,
  at: 0,
  event: { event_type: type, event_id: id, properties: { pad: "x".repeat(bytes) } } as unknown as TallyEvent,
});
const idsOf = (body: string) => JSON.parse(body).events.map((e: { event_id: string }) => e.event_id);

describe("batchBody", () => {
  it("carries the events, and the loss counts only when there are any", () => {
    expect(JSON.parse(batchBody([entry("a")]))).toEqual({ events: [entry("a").event] });
    expect(JSON.parse(batchBody([entry("a")], { dropped: 0, expired: 0 }))).not.toHaveProperty("sdk");
    expect(JSON.parse(batchBody([entry("a")], { dropped: 2, expired: 1 })).sdk).toEqual({ dropped: 2, expired: 1 });
  });
});

describe("pack", () => {
  it("keeps batches at 100 events at most, in order", () => {
    const batches = pack(
      Array.from({ length: 250 }, (_, i) => entry(`e${i}`, 10)),
      1e9,
    );
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batches.flat().map((e) => e.id)).toEqual(Array.from({ length: 250 }, (_, i) => `e${i}`));
  });

  it("keeps each batch's body under the byte limit", () => {
    const batches = pack(
      Array.from({ length: 10 }, (_, i) => entry(`s${i}`, 20_000)),
      BEACON_BYTES,
    );
    expect(batches.length).toBeGreaterThan(3);
    for (const b of batches) expect(batchBody(b).length).toBeLessThanOrEqual(BEACON_BYTES);
  });

  it("never cuts an entry: one larger than the limit is a batch of its own", () => {
    expect(
      pack([entry("a", 10), entry("big", 70_000), entry("b", 10)], BEACON_BYTES).map((b) => b.map((e) => e.id)),
    ).toEqual([["a"], ["big"], ["b"]]);
  });
});

describe("beaconAll", () => {
  const noPost = () => {
    throw new Error("nothing should go by plain fetch");
  };

  it("sends everything in beacons under 60 KiB when the browser takes them", () => {
    const bodies: string[] = [];
    beaconAll(
      Array.from({ length: 40 }, (_, i) => entry(`e${i}`, 5000)),
      (body) => (bodies.push(body), true),
      noPost,
    );
    expect(bodies.length).toBeGreaterThan(2);
    for (const body of bodies) expect(body.length).toBeLessThanOrEqual(BEACON_BYTES);
    expect(bodies.flatMap(idsOf)).toEqual(Array.from({ length: 40 }, (_, i) => `e${i}`));
  });

  it("splits a refused beacon in halves down to about 16 KiB, then sends the rest by plain fetch", () => {
    const beaconed: string[][] = [];
    const posted: string[] = [];
    // A page whose keepalive quota is spent but for ~20 KiB, which later takes nothing at all.
    let quota = 20 * 1024;
    beaconAll(
      Array.from({ length: 24 }, (_, i) => entry(`e${i}`, 2400)),
      (body) => {
        if (body.length > quota) return false;
        quota -= body.length;
        return (beaconed.push(idsOf(body)), true);
      },
      (body) => void posted.push(body),
    );
    expect([...beaconed.flat(), ...posted.flatMap(idsOf)].sort()).toEqual(
      Array.from({ length: 24 }, (_, i) => `e${i}`).sort(),
    );
    expect(beaconed.flat().length).toBeGreaterThan(0);
    expect(posted.length).toBeGreaterThan(0);
    // Halved down to the split size before any part went by fetch.
    for (const body of posted) expect(body.length <= SPLIT_BYTES || idsOf(body).length === 1).toBe(true);
  });

  it("sends one refused event by plain fetch, whatever its size", () => {
    const posted: string[] = [];
    beaconAll(
      [entry("big", 30_000)],
      () => false,
      (body) => void posted.push(...idsOf(body)),
    );
    expect(posted).toEqual(["big"]);
  });

  it("never sends the loss counts (a beacon has no answer)", () => {
    beaconAll([entry("a")], (body) => (expect(JSON.parse(body)).not.toHaveProperty("sdk"), true), noPost);
  });
});
