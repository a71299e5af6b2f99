// Appspaces made before website ids keep website id = appspace id (their shop pages already carry
// it as Hello Retail's websiteUuid); PostgreSQL's twin is in postgres/website-id.migration.test.ts.
import Database from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "./migrations/index.js";
import websiteIds from "./migrations/0012-hardening.js";
import { createSqliteStore } from "./sqlite-store.js";

const OLD = {
  id: "2d8c7a1e-0000-4000-8000-000000000001",
  name: "Old shop",
  currency: "USD",
  retention_days: 365,
  created_at: 1,
};

describe("the website id migration", () => {
  it("keeps an existing SQLite appspace's website id = its id, switched on", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "tally-website-")), "old.db");
    const old = new Database(file);
    // Every migration before the one that brought website ids.
    const before = MIGRATIONS.indexOf(websiteIds);
    for (let v = 1; v <= before; v++) old.exec(MIGRATIONS[v - 1]!);
    old.pragma(`user_version = ${before}`);
    old
      .prepare("INSERT INTO appspaces (id, name, currency, retention_days, created_at) VALUES (?, ?, ?, ?, ?)")
      .run(OLD.id, OLD.name, OLD.currency, OLD.retention_days, OLD.created_at);
    old.close();
    const store = createSqliteStore({ file });
    try {
      expect(await store.findAppspaceByWebsiteId(OLD.id)).toMatchObject({
        id: OLD.id,
        website_id: OLD.id,
        hello_retail: 1,
      });
    } finally {
      await store.close();
    }
  });
});
