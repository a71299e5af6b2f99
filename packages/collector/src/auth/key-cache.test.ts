import { describe, expect, it } from "vitest";
import { createAuthenticator } from "./authenticate.js";
import { harness } from "../test-support/harness.js";

describe("the key cache", () => {
  it("keeps the shops' keys however many made-up keys arrive", async () => {
    const h = await harness();
    let lookups = 0;
    const counted = {
      ...h.store,
      findActiveKey: (hash: string) => (lookups++, h.store.findActiveKey(hash)),
    } as typeof h.store;
    const authenticate = createAuthenticator(counted, 60_000);
    await authenticate({ value: h.shop.publishable_key, in: "header" });
    expect(lookups).toBe(1);
    for (let i = 0; i < 20_000; i++)
      await authenticate({ value: `pk_random_${i}`, in: "header" }).catch(() => undefined);
    expect(lookups).toBe(20_001);
    await authenticate({ value: h.shop.publishable_key, in: "header" });
    expect(lookups).toBe(20_001);
  });
});
