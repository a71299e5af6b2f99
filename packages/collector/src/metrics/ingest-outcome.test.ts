import { describe, expect, it } from "vitest";
import { ingestOutcome, reasonOf } from "./ingest-outcome.js";

describe("what an ingest answer accepted and refused", () => {
  it("reads a batch's accepted count and each skipped event", () => {
    const outcome = ingestOutcome("batch", 200, {
      ok: true,
      accepted: 3,
      errors: [
        "events[0]: transaction_id is required for purchase events",
        "events[4]: transaction_id is required for purchase events",
        "events[5]: items[2].price must be ≥ 0",
      ],
    });
    expect(outcome.accepted).toBe(3);
    expect(Object.fromEntries(outcome.rejected)).toEqual({
      "transaction_id is required for purchase events": 2,
      "items[].price must be ≥ 0": 1,
    });
  });

  it("counts a refused request once, by its message", () => {
    const outcome = ingestOutcome("batch", 400, {
      error: "Maximum 100 events per batch",
      code: "ingest.batch_too_large",
    });
    expect(outcome.accepted).toBe(0);
    expect(Object.fromEntries(outcome.rejected)).toEqual({ "Maximum 100 events per batch": 1 });
  });

  it("reads /track and Hello Retail's answers", () => {
    expect(ingestOutcome("track", 200, { ok: true }).accepted).toBe(1);
    expect(Object.fromEntries(ingestOutcome("track", 400, { error: "Invalid ecommerce event_type" }).rejected)).toEqual(
      { "Invalid ecommerce event_type": 1 },
    );
    expect(ingestOutcome("conversion", 200, { success: true, message: "Conversion tracked" }).accepted).toBe(1);
    expect(
      Object.fromEntries(ingestOutcome("conversion", 400, { success: false, message: "Website not found" }).rejected),
    ).toEqual({ "Website not found": 1 });
  });

  it("keeps field names a sender chose out of the reason", () => {
    expect(reasonOf("events[9]: unknown fields colour, size")).toBe("unknown field");
    expect(reasonOf(undefined)).toBe("unknown");
    expect(reasonOf("x".repeat(300))).toHaveLength(80);
  });
});
