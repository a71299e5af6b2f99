import { describe, expect, it } from "vitest";
import { derivedId, randomId } from "./ids.js";

const UUID = (version: number) =>
  new RegExp(`^[0-9a-f]{8}-[0-9a-f]{4}-${version}[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`);

describe("randomId", () => {
  it("is a UUID v4, different every time", () => {
    const ids = new Set(Array.from({ length: 1000 }, randomId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(UUID(4));
  });
});

describe("derivedId", () => {
  it("is a UUID v8, the same for the same name every time", () => {
    const id = derivedId("pk_test:purchase:110-2347");
    expect(id).toMatch(UUID(8));
    expect(derivedId("pk_test:purchase:110-2347")).toBe(id);
    expect(id).toBe("4b97fe6f-f543-81c1-8cb5-8e365914c044"); // the same in every browser and build: never change it
  });

  it("differs by key, by type and by order", () => {
    const ids = [
      "pk_a:purchase:o-1",
      "pk_b:purchase:o-1",
      "pk_a:refund:o-1",
      "pk_a:purchase:o-2",
      "pk_a:purchase:o-10",
      "pk_a:purchase:o-01",
    ].map(derivedId);
    expect(new Set(ids).size).toBe(6);
  });

  it("spreads a hundred thousand similar order ids like random numbers", () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => derivedId(`pk_live_shop:purchase:${i}`));
    expect(new Set(ids).size).toBe(100_000);
    // The first 32 bits alone: a random function would collide about n²/2³³ ≈ 1.2 times.
    expect(100_000 - new Set(ids.map((id) => id.slice(0, 8))).size).toBeLessThan(8);
  });

  it("has lanes that collide independently, so the four make one 128-bit id", () => {
    const first = new Map<string, string>();
    let collisions = 0;
    for (let i = 0; i < 300_000; i++) {
      const id = derivedId(`${i}:pk`);
      const lane = id.slice(0, 8);
      const other = first.get(lane);
      if (other) collisions++, expect(other.slice(9, 13) + other.slice(24)).not.toBe(id.slice(9, 13) + id.slice(24));
      else first.set(lane, id);
    }
    expect(collisions).toBeGreaterThan(0); // there were lane collisions to look at
  });
});
