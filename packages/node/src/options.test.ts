import { describe, expect, it } from "vitest";
import { createClient, TallyUsageError } from "./index.js";

const endpoint = "http://127.0.0.1:9";

describe("createClient refuses misuse at once", () => {
  it.each([
    [{ endpoint }, /key is required/],
    [{ key: "", endpoint }, /key is required/],
    [{ key: "pk_live_abc", endpoint }, /publishable key \(pk_…\) cannot send server-side events/],
    [{ key: "live_abc", endpoint }, /secret key \(sk_…\)/],
    [{ key: "sk_live_abc" }, /endpoint is required/],
    [{ key: "sk_live_abc", endpoint: "tally.example.com" }, /endpoint must be an http\(s\) URL/],
    [{ key: "sk_live_abc", endpoint: "ftp://tally.example.com" }, /endpoint must be an http\(s\) URL/],
    [{ key: "sk_live_abc", endpoint, batchSize: 101 }, /batchSize must be a whole number from 1 to 100/],
    [{ key: "sk_live_abc", endpoint, maxRetryAfter: -1 }, /maxRetryAfter must be/],
    [{ key: "sk_live_abc", endpoint, retry: { limit: 1.5 } }, /retry.limit must be/],
  ])("%j", (options, message) => {
    expect(() => createClient(options as never)).toThrow(TallyUsageError);
    expect(() => createClient(options as never)).toThrow(message);
  });

  it("an event the ingest contract refuses throws with the contract's message, before anything is sent", () => {
    const tally = createClient({ key: "sk_live_abc", endpoint });
    expect(() => tally.purchase({ revenue: 10 } as never)).toThrow(
      "purchase: transaction_id is required for purchase events",
    );
    expect(() => tally.refund({ transaction_id: "A-1" } as never)).toThrow(
      "refund: revenue is required for refund events",
    );
    expect(() => tally.track("add_to_cart", {})).toThrow("add_to_cart: items is required for add_to_cart events");
    expect(() => tally.track("pageview", {})).toThrow("pageview: Invalid ecommerce event_type");
    expect(() => tally.purchase({ transaction_id: "A-1", revenue: "10" } as never)).toThrow(/revenue/);
    expect(() => tally.purchase({ transaction_id: "A-1", revenue: 10, colour: "red" } as never)).toThrow(/colour/);
    expect(() => tally.identify("")).toThrow("identify: a user id is required");
    expect(() => tally.identify("user-1", { cookie: "theme=dark" })).toThrow(/an anonymous id is required/);
  });

  it("a closed client refuses further calls", async () => {
    const tally = createClient({ key: "sk_live_abc", endpoint });
    await tally.close();
    expect(() => tally.purchase({ transaction_id: "A-1", revenue: 10 })).toThrow("purchase: the client is closed");
  });
});
