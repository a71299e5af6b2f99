import { describe, expect, it } from "vitest";
import { boundsProblem, maxAmount } from "./bounds.js";
import { validateEvent } from "./validate.js";
import type { EcommerceEvent } from "./event.schema.js";

const parsed = (input: object): EcommerceEvent => {
  const result = validateEvent(input);
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

describe("boundsProblem: 10^13 minor units per amount, line and event", () => {
  it("knows the bound in major units of each currency", () => {
    expect(maxAmount("USD")).toBe(1e11);
    expect(maxAmount("JPY")).toBe(1e13);
    expect(maxAmount("KWD")).toBe(1e10);
  });

  it("accepts values on the bound", () => {
    expect(
      boundsProblem(
        parsed({
          event_type: "purchase",
          transaction_id: "o",
          revenue: 1e11,
          tax: 1e11,
          items: [{ item_id: "a", price: 1e5, quantity: 1e6 }],
        }),
        "USD",
      ),
    ).toBeUndefined();
    expect(
      boundsProblem(parsed({ event_type: "purchase", transaction_id: "o", revenue: 1e13, currency: "JPY" }), "JPY"),
    ).toBeUndefined();
  });

  it("names each field past the bound", () => {
    const usd = (input: object) =>
      boundsProblem(parsed({ event_type: "purchase", transaction_id: "o", revenue: 1, ...input }), "USD");
    const message = (what: string, currency = "USD") =>
      `${what} must be at most ${maxAmount(currency)} (10^13 minor units of ${currency})`;
    expect(usd({ revenue: 1e11 + 1 })).toBe(message("revenue"));
    expect(usd({ discount: 2e11 })).toBe(message("discount"));
    expect(usd({ shipping: 2e11 })).toBe(message("shipping"));
    expect(usd({ tax: 2e11 })).toBe(message("tax"));
    expect(usd({ items: [{ item_id: "a", price: 1e12 }] })).toBe(message("items[0].price"));
    expect(usd({ items: [{ item_id: "a", price: 1, discount: 1e12 }] })).toBe(message("items[0].discount"));
    expect(usd({ items: [{ item_id: "a", price: 1e11, quantity: 2 }] })).toBe(message("items[0]: price × quantity"));
    expect(
      usd({
        items: [
          { item_id: "a", price: 1e11 },
          { item_id: "b", price: 1 },
        ],
      }),
    ).toBe(message("items: the sum of price × quantity"));
    expect(usd({ items: [{ item_id: "a", price: 1e11, currency: "KWD" }] })).toBe(message("items[0].price", "KWD"));
  });

  it("refuses the issue's line: price 1e12 × quantity 50,000", () => {
    const event = parsed({ event_type: "add_to_cart", items: [{ item_id: "a", price: 1e12, quantity: 50_000 }] });
    expect(boundsProblem(event, "USD")).toBe("items[0].price must be at most 100000000000 (10^13 minor units of USD)");
    const line = parsed({ event_type: "add_to_cart", items: [{ item_id: "a", price: 1e8, quantity: 50_000 }] });
    expect(boundsProblem(line, "USD")).toBe(
      "items[0]: price × quantity must be at most 100000000000 (10^13 minor units of USD)",
    );
  });
});
