import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BATCH, harness, NOW, testApp } from "../../test-support/harness.js";
import { scenario } from "../../test-support/scenario.js";
import { cli } from "../../test-support/collector-process.js";
import { freshDatabase, postgresUrl } from "../../test-support/test-stores.js";
import { createPostgresStore } from "./postgres-store.js";

const ENDPOINTS = [
  "overview",
  "revenue-timeseries",
  "funnel",
  "top-products",
  "revenue-by-channel",
  "revenue-by-coupon",
  "revenue-by-device",
  "revenue-by-platform",
  "revenue-by-country",
  "cart-abandonment",
  "attribution",
  "attribution?model=linear",
  "cohorts",
  "coverage",
];
const RANGES = ["days=30", "days=365", "start=2026-01-20&end=2026-02-28"];
const USERS = ["user-3", "user-6", "later-4", "server-user-5"];

type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

/** Every endpoint over every range, and some user journeys, as one comparable object. */
async function answers(app: Requester, key: string) {
  const out: Record<string, unknown> = {};
  const get = async (path: string) => {
    const res = await app.request(`/v1/api/analytics/ecommerce/${path}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    out[path] = { status: res.status, body: await res.json() };
  };
  for (const endpoint of ENDPOINTS)
    for (const range of RANGES) await get(`${endpoint}${endpoint.includes("?") ? "&" : "?"}${range}`);
  for (const user of USERS) await get(`user-journey?user_id=${user}`);
  return out;
}

let admin: postgres.Sql;
beforeAll(() => {
  admin = postgres(postgresUrl(), { onnotice: () => {} });
});
afterAll(() => admin.end());

describe("tally-collector migrate", { timeout: 120_000 }, () => {
  it("copies a SQLite shop into PostgreSQL with every endpoint answering the same, again and after an interruption", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "tally-migrate-")), "shop.db");
    const h = await harness({ kind: "sqlite", file });
    const sent = scenario();
    for (let i = 0; i < sent.length; i += 50) {
      for (const kind of ["pk", "sk"] as const) {
        const chunk = sent
          .slice(i, i + 50)
          .filter((s) => s.key === kind)
          .map((s) => s.body);
        if (chunk.length)
          await h.post(BATCH, { events: chunk }, kind === "pk" ? h.shop.publishable_key : h.shop.secret_key);
      }
    }
    // An erased person, and entries acknowledged but not yet projected when the copy is made.
    await h.app.request("/v1/api/analytics/user/user-6", {
      method: "DELETE",
      headers: { authorization: `Bearer ${h.shop.secret_key}` },
    });
    await h.app.projector.stop();
    const late = [
      {
        event_type: "purchase",
        transaction_id: "late-1",
        revenue: 12,
        currency: "USD",
        user_id: "user-3",
        timestamp: new Date(NOW - 3600_000).toISOString(),
      },
    ];
    const res = await h.app.request(BATCH, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${h.shop.secret_key}` },
      body: JSON.stringify({ events: late }),
    });
    expect((await res.json()).accepted).toBe(1);
    await h.store.close();
    // The answers before, from a copy of the file: opening it projects the waiting entry.
    const copy = join(mkdtempSync(join(tmpdir(), "tally-migrate-")), "copy.db");
    copyFileSync(file, copy);
    copyFileSync(`${file}-inbox`, `${copy}-inbox`);

    const reopened = await harness({ kind: "sqlite", file: copy });
    const before = await answers(reopened.app, h.shop.secret_key);
    await reopened.app.projector.stop();
    await reopened.store.close();

    const url = await freshDatabase(admin, "migrated");
    const first = cli(["migrate", "--from", file, "--to", url]);
    expect(first).toMatch(
      /^Copied [\d,]+ rows of \d+ tables and 1 unprojected inbox entries from .* to postgres:\/\/tally:\*\*\*@/,
    );

    const after = async (db = url) => {
      const store = await createPostgresStore({ url: db });
      const app = testApp(store, { log: () => {} });
      try {
        return await answers(app, h.shop.secret_key);
      } finally {
        await app.projector.stop();
        await store.close();
      }
    };
    expect(await after()).toEqual(before);

    // Run again: nothing is written twice.
    expect(cli(["migrate", "--from", file, "--to", url])).toMatch(/^Copied 0 rows of/);
    expect(await after()).toEqual(before);

    // A run stopped part way (its last events and every rollup not written yet) is finished by the next.
    const second = await freshDatabase(admin, "interrupted");
    cli(["migrate", "--from", file, "--to", second]);
    const target = postgres(second, { onnotice: () => {} });
    const [{ max }] = await target<{ max: number }[]>`SELECT max(seq) AS max FROM events`;
    await target`DELETE FROM event_items WHERE event_seq > ${max - 40}`;
    await target`DELETE FROM events WHERE seq > ${max - 40}`;
    await target`DELETE FROM rollups`;
    await target.end();
    expect(cli(["migrate", "--from", file, "--to", second])).toMatch(/^Copied [1-9][\d,]* rows/);
    expect(await after(second)).toEqual(before);
  });

  it("says in one line what is wrong with its arguments", () => {
    const attempt = (args: string[]) => {
      try {
        cli(["migrate", ...args]);
        return "ran";
      } catch (error) {
        const e = error as { status: number; stderr: string };
        return `${e.status}: ${e.stderr.split("\n")[0]}`;
      }
    };
    expect(attempt(["--from", "/nonexistent/shop.db", "--to", postgresUrl()])).toMatch(
      /^1: tally-collector: .*\/nonexistent/,
    );
    expect(attempt(["--from", "shop.db", "--to", "shop2.db"])).toBe(
      "2: tally-collector migrate: --to must be a postgres:// or postgresql:// URL",
    );
    expect(attempt(["--to", postgresUrl()])).toMatch(/^2: tally-collector migrate: .*--from/);
  });
});
