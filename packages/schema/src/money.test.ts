import { describe, expect, it } from "vitest";
import { fromMinor, minorDigits, toMinor } from "./money.js";

describe("money", () => {
  it("takes each currency's minor digits from Intl", () => {
    expect([
      minorDigits("JPY"),
      minorDigits("USD"),
      minorDigits("KWD"),
      minorDigits("EUR"),
      minorDigits("KRW"),
    ]).toEqual([0, 2, 3, 2, 0]);
  });

  it.each([
    [49.99, "USD", 4999],
    [0.29, "USD", 29],
    [1.005, "USD", 101],
    [1500, "JPY", 1500],
    [1500.5, "JPY", 1501],
    [12.345, "KWD", 12345],
    [0, "EUR", 0],
    [999999999.99, "USD", 99999999999],
  ])("toMinor(%d, %s) = %i", (amount, currency, minor) => {
    expect(toMinor(amount, currency)).toBe(minor);
    expect(Number.isSafeInteger(toMinor(amount, currency))).toBe(true);
  });

  it("goes back to major units", () => {
    expect(fromMinor(4999, "USD")).toBe(49.99);
    expect(fromMinor(12345, "KWD")).toBe(12.345);
    expect(fromMinor(1500, "JPY")).toBe(1500);
  });

  it("refuses a malformed code", () => {
    expect(() => minorDigits("dollars")).toThrow(RangeError);
  });
});
