import { describe, expect, it } from "vitest";
import { createFormats } from "./format.js";

// Intl separates a currency code from the amount with a no-break space.
const nbsp = (s: string) => s.replace(/ /g, "\u00a0");

describe("money in the base currency", () => {
  it("writes dollars with cents and grouping", () => {
    expect(createFormats("USD", "en-US").money(1234.56)).toBe("$1,234.56");
    expect(createFormats("USD", "en-US").money(0)).toBe("$0.00");
  });

  it("writes yen without minor digits, rounding", () => {
    expect(createFormats("JPY", "en-US").money(1234.5)).toBe("¥1,235");
  });

  it("writes Kuwaiti dinars with three minor digits", () => {
    expect(createFormats("KWD", "en-US").money(1.2345)).toBe(nbsp("KWD 1.235"));
  });

  it("follows the viewer's locale", () => {
    expect(createFormats("EUR", "de-DE").money(1234.5)).toBe(nbsp("1.234,50 €"));
  });
});

describe("percentages", () => {
  it("keeps one decimal", () => {
    const f = createFormats("USD", "en-US");
    expect(f.percent(68.5)).toBe("68.5%");
    expect(f.percent(100)).toBe("100.0%");
    expect(f.percent(0)).toBe("0.0%");
    expect(f.percent(33.333)).toBe("33.3%");
  });
});

describe("counts and dates", () => {
  const f = createFormats("USD", "en-US");

  it("groups counts", () => {
    expect(f.count(1234567)).toBe("1,234,567");
  });

  it("writes UTC days and months as the calendar says, whatever the viewer's zone", () => {
    expect(f.day("2026-01-31")).toBe("Jan 31, 2026");
    expect(f.month("2026-01")).toBe("Jan 2026");
  });
});
