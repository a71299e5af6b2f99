import { mkdtempSync, writeFileSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BATCH, harness, TRACK } from "../test-support/harness.js";
import { readRatesFile, watchRatesFile, DEFAULT_RATES_FILE } from "./rates.js";

describe("money in minor units, own and base currency", () => {
  it.each([
    ["JPY", 1500, 1500, 1000], // 0 digits; 1500 JPY = 10 USD
    ["USD", 49.99, 4999, 4999], // 2 digits
    ["KWD", 12.345, 12345, 4115], // 3 digits; 12.345 KWD = 41.15 USD
    ["EUR", 0.1, 10, 20],
  ])("stores %s %s as %i minor units and %i base cents", async (currency, revenue, own, base) => {
    const h = await harness();
    await h.post(TRACK, { event_type: "purchase", transaction_id: "o", revenue, currency }, h.shop.publishable_key);
    expect(await h.rows("SELECT currency, revenue, revenue_base FROM events")).toEqual([
      { currency, revenue: own, revenue_base: base },
    ]);
  });

  it("converts into a base currency with other digits (JPY, KWD)", async () => {
    const jpy = await harness({ currency: "JPY" });
    await jpy.post(
      TRACK,
      { event_type: "purchase", transaction_id: "o", revenue: 10.01, currency: "USD" },
      jpy.shop.publishable_key,
    );
    expect(await jpy.rows("SELECT revenue, revenue_base, rate FROM events")).toEqual([
      { revenue: 1001, revenue_base: 1502, rate: 150 },
    ]);
    const kwd = await harness({ currency: "KWD" });
    await kwd.post(
      TRACK,
      { event_type: "purchase", transaction_id: "o", revenue: 1, currency: "USD" },
      kwd.shop.publishable_key,
    );
    expect(await kwd.rows("SELECT revenue_base FROM events")).toEqual([{ revenue_base: 300 }]);
  });

  it("defaults an event to the base currency and an item to its event's", async () => {
    const h = await harness({ currency: "EUR" });
    await h.post(
      TRACK,
      {
        event_type: "purchase",
        transaction_id: "o",
        revenue: 20,
        items: [
          { item_id: "a", price: 10, quantity: 2 },
          { item_id: "b", price: 300, currency: "JPY" },
        ],
      },
      h.shop.publishable_key,
    );
    expect(await h.rows("SELECT currency, revenue_base, subtotal, subtotal_base FROM events")).toEqual([
      { currency: "EUR", revenue_base: 2000, subtotal: 2100, subtotal_base: 2100 },
    ]);
    expect(
      await h.rows("SELECT item_id, currency, line_total, line_total_base FROM event_items ORDER BY position"),
    ).toEqual([
      { item_id: "a", currency: "EUR", line_total: 2000, line_total_base: 2000 },
      { item_id: "b", currency: "JPY", line_total: 300, line_total_base: 100 },
    ]);
  });

  it("answers an unknown currency with a clear 400, and skips it in a batch", async () => {
    const h = await harness();
    const res = await h.post(
      TRACK,
      { event_type: "purchase", transaction_id: "o", revenue: 1, currency: "XAU" },
      h.shop.publishable_key,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "Unknown currency XAU", code: "ingest.unknown_currency" });
    const batch = await h.post(
      BATCH,
      { events: [{ event_type: "view_item", items: [{ item_id: "a", price: 1, currency: "XAU" }] }] },
      h.shop.publishable_key,
    );
    expect(await batch.json()).toEqual({ ok: true, accepted: 0, errors: ["events[0]: Unknown currency XAU"] });
  });
});

describe("rates file", () => {
  it("ships a snapshot in Open Exchange Rates' shape", () => {
    const table = readRatesFile(DEFAULT_RATES_FILE);
    expect(table.base).toBe("USD");
    for (const code of ["EUR", "JPY", "KWD", "GBP"]) expect(table.rates[code]).toBeGreaterThan(0);
  });

  it("is re-read when it changes, and a broken file keeps the last good table", () => {
    const file = join(mkdtempSync(join(tmpdir(), "tally-rates-")), "latest.json");
    writeFileSync(file, JSON.stringify({ base: "USD", timestamp: 1, rates: { EUR: 0.9 } }));
    let now = 0;
    const rates = watchRatesFile(file, { checkEveryMs: 1000, clock: () => now });
    expect(rates.get().rates.EUR).toBe(0.9);
    writeFileSync(file, JSON.stringify({ base: "USD", timestamp: 2, rates: { EUR: 0.8 } }));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(rates.get().rates.EUR).toBe(0.9); // not looked at again yet
    now = 1000;
    expect(rates.get().rates.EUR).toBe(0.8);
    writeFileSync(file, "{ broken");
    utimesSync(file, new Date(), new Date(Date.now() + 10000));
    now = 2000;
    expect(rates.get().rates.EUR).toBe(0.8);
  });
});
