import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { staticRates } from "./currency/rates.js";
import { StoreUnavailableError } from "./errors.js";
import type { Projector } from "./projector/projector.js";
import { harness, seedPurchase, TEST_RATES, TRACK } from "./test-support/harness.js";
import { openTestStore } from "./test-support/test-stores.js";

/** A projector that only counts what it is asked. */
function countingProjector() {
  const calls = { kick: 0, waitFor: 0 };
  const projector: Projector = {
    kick: () => void calls.kick++,
    waitFor: async () => (calls.waitFor++, true),
    backlogEvents: () => 0,
    drain: async () => {},
    stop: async () => {},
    erase: async () => {},
  };
  return { projector, calls };
}

describe("createApp", () => {
  it("starts nothing: the projector runs only when a request's inbox append kicks it", async () => {
    const { store } = await openTestStore();
    const { projector, calls } = countingProjector();
    const app = createApp({ store, projector, rates: staticRates(TEST_RATES), clock: () => 0 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toEqual({ kick: 0, waitFor: 0 });
    expect((await app.request("/healthz")).status).toBe(200);
    expect(calls.kick).toBe(0);
    await store.close();
  });

  it("answers a store that cannot be reached with 503 and Retry-After, at the edge", async () => {
    const h = await harness();
    const ping = h.store.ping;
    h.store.ping = async () => {
      throw new StoreUnavailableError(new Error("connection refused"));
    };
    const res = await h.app.request("/healthz");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(await res.json()).toEqual({
      error: "The database is unavailable; try again shortly",
      code: "store.unavailable",
    });
    h.store.ping = ping;
    expect((await h.post(TRACK, seedPurchase(), h.shop.publishable_key)).status).toBe(200);
  });

  it("keeps HTTP out of the errors below the edge", () => {
    const source = readFileSync(new URL("./errors.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/from "hono/);
    expect(new StoreUnavailableError(undefined)).not.toHaveProperty("status");
  });
});
