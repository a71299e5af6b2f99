import { createApp, type App, type AppOptions } from "../app.js";
import { createAppspace, type CreatedAppspace } from "../appspaces/create-appspace.js";
import { staticRates, type RatesTable } from "../currency/rates.js";
import type { Db } from "../stores/sqlite/open.js";
import type { SqliteStore } from "../stores/sqlite/sqlite-store.js";
import type { Store } from "../store.js";
import { createProjector } from "../projector/projector.js";
import { openTestStore, type StoreKind, type TestStore } from "./test-stores.js";

/** A fixed rates table: 1 USD = 0.5 EUR = 150 JPY = 0.3 KWD. */
export const TEST_RATES: RatesTable = {
  base: "USD",
  timestamp: 0,
  rates: { USD: 1, EUR: 0.5, JPY: 150, KWD: 0.3, GBP: 0.8 },
};

export const NOW = Date.parse("2026-03-15T12:00:00Z");

export interface Harness {
  store: Store;
  kind: StoreKind;
  /** The SQLite store's database, for SQLite-only tests (undefined on PostgreSQL). */
  db: Db;
  app: App;
  shop: CreatedAppspace;
  clock: { now: number };
  /** POSTs JSON to a path with a key in the Authorization header (or none), then waits until the projector has applied it. */
  post(path: string, body: unknown, key?: string, headers?: Record<string, string>): Promise<Response>;
  /** Stored rows, for assertions on what was written (`?` placeholders; the SQL both stores read alike). */
  rows: TestStore["rows"];
  run: TestStore["run"];
  /** The names of the store's tables. */
  tables: TestStore["tables"];
  rebuild: TestStore["rebuild"];
  inboxEntries: TestStore["inboxEntries"];
  reopen: TestStore["reopen"];
}

export interface TestAppOptions extends Partial<Omit<AppOptions, "store">> {
  /** Events per projector transaction. */
  sliceEvents?: number;
}

/**
 * A collector over `store` as tests run it: an in-thread projector, started here, and the app
 * over it (`TEST_RATES`, keys looked up on every request). The background jobs are not started:
 * a test starts the ones it needs.
 */
export function testApp(store: Store, options: TestAppOptions = {}): App {
  const { sliceEvents, ...appOptions } = options;
  const clock = options.clock ?? (() => NOW);
  const log = options.log ?? ((m: string, e?: unknown) => console.error(m, e));
  const projector = options.projector ?? createProjector({ store, log, clock, sliceEvents });
  const app = createApp({
    store,
    clock,
    rates: staticRates(TEST_RATES),
    log,
    // Tests change keys and appspaces in the database directly and expect the next request to see it.
    keyCacheMs: 0,
    ...appOptions,
    projector,
  });
  projector.kick();
  return app;
}

export interface HarnessOptions extends TestAppOptions {
  currency?: string;
  /** A SQLite file instead of `:memory:` (SQLite runs only). */
  file?: string;
  /** A PostgreSQL schema to reopen (PostgreSQL runs only). */
  schema?: string;
  /** By default the run's store (`TALLY_TEST_STORE`). */
  kind?: StoreKind;
}

/**
 * A collector on a fresh store with the real migrations and one appspace: SQLite on `:memory:`
 * (or `file`), or PostgreSQL in a schema of its own when the run is the PostgreSQL one.
 */
export async function harness(options: HarnessOptions = {}): Promise<Harness & { schema?: string }> {
  const { currency, file, schema, kind, ...appOptions } = options;
  const clock = { now: NOW };
  const opened = await openTestStore({ kind, file, schema, clock: () => clock.now });
  const { store } = opened;
  const shop = await createAppspace(store, { name: "Shop", currency: currency ?? "USD", now: NOW });
  const app = testApp(store, { clock: () => clock.now, ...appOptions });
  return {
    store,
    kind: store.kind as StoreKind,
    schema: opened.schema,
    db: (store as SqliteStore).db,
    app,
    shop,
    clock,
    post: async (path, body, key, headers = {}) => {
      const res = await app.request(path, {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      await app.projector.drain();
      return res;
    },
    rows: opened.rows,
    run: opened.run,
    tables: opened.tables,
    rebuild: opened.rebuild,
    inboxEntries: opened.inboxEntries,
    reopen: opened.reopen,
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
