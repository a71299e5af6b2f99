import { describe, expect, it } from "vitest";
import { conversionFields, conversionProblem } from "./hello-retail.js";
import { validateEvent } from "./validate.js";

describe("the Hello Retail conversion", () => {
  it("becomes a valid purchase with one line item per product", () => {
    const fields = conversionFields({
      total: "499.32",
      orderNumber: "110-2347",
      email: "a@b.example",
      customerId: 53967,
      urls: ["https://shop.example/p/1"],
    });
    expect(fields).toEqual({
      transaction_id: "110-2347",
      revenue: 499.32,
      currency: undefined,
      email: "a@b.example",
      user_id: 53967,
      items: [{ item_id: "https://shop.example/p/1", quantity: 1 }],
    });
    expect(validateEvent({ event_type: "purchase", ...fields }).ok).toBe(true);
  });

  it("prefers productNumbers to urls", () => {
    expect(conversionFields({ total: 1, orderNumber: 1, productNumbers: ["p-1"], urls: ["u"] }).items).toEqual([
      { item_id: "p-1", quantity: 1 },
    ]);
  });

  it("answers Hello Retail's messages for conversions no purchase can be made of", () => {
    expect(conversionProblem({ total: 1, orderNumber: "o" })).toBe("You must provide either urls or productNumbers");
    expect(conversionProblem({ total: 1, orderNumber: "o", productNumbers: [] })).toBe(
      "You must provide either urls or productNumbers",
    );
    expect(conversionProblem({ total: 1, orderNumber: "o", urls: [""] })).toBe("urls must be a list of strings");
    expect(conversionProblem({ total: 1, orderNumber: "o", productNumbers: ["p"], email: 5 })).toBe(
      "email must be a string",
    );
    expect(conversionProblem({ total: 1, orderNumber: "o", productNumbers: Array(1001).fill("p") })).toBe(
      "At most 1000 products per conversion",
    );
    expect(conversionProblem({ total: 1, orderNumber: "o", productNumbers: ["p", 2] })).toBeUndefined();
  });

  it("leaves a missing total for the purchase's own validation", () => {
    const fields = conversionFields({ total: "", orderNumber: "o", productNumbers: ["p"] });
    expect(validateEvent({ event_type: "purchase", ...fields })).toEqual({
      ok: false,
      message: "revenue is required for purchase events",
    });
  });
});

describe("a text total", () => {
  it("is read as its number when it is one, and left for validation to name when not", () => {
    expect(conversionFields({ total: " 12.5 ", orderNumber: "o" }).revenue).toBe(12.5);
    expect(conversionFields({ total: "12,50", orderNumber: "o" }).revenue).toBe("12,50");
    expect(
      validateEvent({ event_type: "purchase", ...conversionFields({ total: "abc", orderNumber: "o", urls: ["u"] }) }),
    ).toEqual({
      ok: false,
      message: "revenue must be a number, not a string",
    });
  });
});
