import { describe, expect, it } from "vitest";
import { rangeFromSearch, searchWithRange } from "./range.js";

describe("the range in the URL", () => {
  it("reads days and start–end as the API does", () => {
    expect(rangeFromSearch("?days=7")).toEqual({ days: 7 });
    expect(rangeFromSearch("?start=2026-01-01&end=2026-01-31")).toEqual({ start: "2026-01-01", end: "2026-01-31" });
  });

  it("falls back to 30 days for a missing, malformed or backwards range", () => {
    for (const search of [
      "",
      "?days=0",
      "?days=abc",
      "?start=2026-02-30&end=2026-03-01",
      "?start=2026-02-01&end=2026-01-01",
      "?start=2026-01-01",
    ]) {
      expect(rangeFromSearch(search)).toEqual({ days: 30 });
    }
  });

  it("replaces an earlier range and keeps the other parameters", () => {
    const search = searchWithRange("?days=7&model=linear", { start: "2026-01-01", end: "2026-01-31" });
    expect(Object.fromEntries(new URLSearchParams(search))).toEqual({
      model: "linear",
      start: "2026-01-01",
      end: "2026-01-31",
    });
    expect(searchWithRange(search, { days: 90 })).toBe("?model=linear&days=90");
  });
});
