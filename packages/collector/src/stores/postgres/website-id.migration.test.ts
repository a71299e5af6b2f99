// Appspaces made before website ids keep website id = appspace id, on PostgreSQL as on SQLite
// (sqlite/website-id.migration.test.ts).
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "./migrations/index.js";
import { createPostgresStore } from "./postgres-store.js";
import { connect } from "./connect.js";
import { postgresUrl } from "../../test-support/test-stores.js";

const OLD = {
  id: "2d8c7a1e-0000-4000-8000-000000000001",
  name: "Old shop",
  currency: "USD",
  retention_days: 365,
  created_at: 1,
};

describe("the website id migration", () => {
  it("keeps an existing PostgreSQL appspace's website id = its id, switched on", async () => {
    const schema = `website_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const sql = connect(postgresUrl(), { schema, max: 1 });
    try {
      const before = 4; // the version before 0005-hardening
      await sql.begin(async (tx) => {
        await tx.unsafe(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        await tx`CREATE TABLE schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)`;
        for (let v = 1; v <= before; v++) await tx.unsafe(MIGRATIONS[v - 1]!);
        await tx`INSERT INTO schema_version (id, version) VALUES (1, ${before})`;
        await tx`INSERT INTO appspaces (id, name, currency, retention_days, created_at) VALUES (${OLD.id}, ${OLD.name}, ${OLD.currency}, ${OLD.retention_days}, ${OLD.created_at})`;
      });
    } finally {
      await sql.end();
    }
    const store = await createPostgresStore({ url: postgresUrl(), schema });
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
