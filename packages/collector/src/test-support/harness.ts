import { createApp } from "../app.js";
import { createAppspace, type CreatedAppspace } from "../appspaces/create-appspace.js";
import { staticRates, type RatesTable } from "../currency/rates.js";
import { openDatabase, type Db } from "../db/open.js";

/** A fixed rates table: 1 USD = 0.5 EUR = 150 JPY = 0.3 KWD. */
export const TEST_RATES: RatesTable = {
  base: "USD",
  timestamp: 0,
  rates: { USD: 1, EUR: 0.5, JPY: 150, KWD: 0.3, GBP: 0.8 },
};

export const NOW = Date.parse("2026-03-15T12:00:00Z");

export interface Harness {
  db: Db;
  app: ReturnType<typeof createApp>;
  shop: CreatedAppspace;
  clock: { now: number };
  /** POSTs JSON to a path with a key in the Authorization header (or none). */
  post(path: string, body: unknown, key?: string, headers?: Record<string, string>): Promise<Response>;
  /** Every stored row of a table, for assertions on what was written. */
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
}

/** A collector on a fresh `:memory:` database with the real migrations and one appspace. */
export function harness(options: { currency?: string; countryHeader?: string; file?: string } = {}): Harness {
  const db = openDatabase(options.file ?? ":memory:");
  const clock = { now: NOW };
  const shop = createAppspace(db, { name: "Shop", currency: options.currency ?? "USD", now: NOW });
  const app = createApp({
    db,
    clock: () => clock.now,
    rates: staticRates(TEST_RATES),
    countryHeader: options.countryHeader,
    log: (m, e) => console.error(m, e),
  });
  return {
    db,
    app,
    shop,
    clock,
    post: (path, body, key, headers = {}) =>
      app.request(path, {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    rows: (sql, ...params) => db.prepare(sql).all(...params) as never,
  };
}

export const TRACK = "/v1/api/analytics/ecommerce/track";
export const BATCH = "/v1/api/analytics/ecommerce/batch";

/** The seed's example purchase body. */
export function seedPurchase(overrides: Record<string, unknown> = {}) {
  return {
    event_type: "purchase",
    transaction_id: "order_456",
    revenue: 49.99,
    currency: "USD",
    user_id: "user_123",
    coupon_code: "SAVE10",
    discount: 5.0,
    shipping: 4.99,
    tax: 3.75,
    items: [
      {
        item_id: "sku_1",
        item_name: "T-Shirt",
        item_category: "Apparel",
        item_brand: "MyBrand",
        item_variant: "Red / L",
        price: 24.99,
        quantity: 2,
        currency: "USD",
      },
    ],
    properties: { campaign: "spring-sale", source: "email" },
    ...overrides,
  };
}
