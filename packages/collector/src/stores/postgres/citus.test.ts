import { describe, expect, inject, it } from "vitest";
import { openTestStore } from "../../test-support/test-stores.js";
import { DISTRIBUTED_TABLES, REFERENCE_TABLES } from "./migrations/0008-citus.js";

const onCitus = inject("citus");

describe("the schema's shape for Citus", () => {
  it("names every table either distributed by its appspace or a reference table", async () => {
    const t = await openTestStore();
    const tables = (await t.tables()).sort();
    expect(tables).toEqual([...DISTRIBUTED_TABLES, ...REFERENCE_TABLES].sort());
    await t.store.close();
  });

  it("begins every primary and unique key of an appspace's table with the appspace", async () => {
    const t = await openTestStore();
    const keys = await t.rows<{ table: string; index: string; first: string }>(
      `SELECT c.relname AS "table", i.relname AS "index", a.attname AS "first"
       FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = x.indkey[0]
       WHERE c.relnamespace = ?::regnamespace AND (x.indisprimary OR x.indisunique)`,
      t.schema,
    );
    const ofAppspaces = keys.filter((k) => DISTRIBUTED_TABLES.includes(k.table));
    expect(new Set(ofAppspaces.map((k) => k.table))).toEqual(new Set(DISTRIBUTED_TABLES));
    expect(ofAppspaces.filter((k) => k.first !== "appspace_seq")).toEqual([]);
    await t.store.close();
  });

  it.skipIf(!onCitus)("distributes the appspace tables by appspace, co-located, and replicates the rest", async () => {
    const t = await openTestStore();
    const rows = await t.rows<{ table: string; method: string; column: string | null; colocation: number }>(
      `SELECT c.relname AS "table", p.partmethod AS "method",
              CASE WHEN p.partmethod = 'h' THEN column_to_column_name(p.logicalrelid, p.partkey) END AS "column",
              p.colocationid AS "colocation"
       FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
       WHERE c.relnamespace = ?::regnamespace`,
      t.schema,
    );
    const distributed = rows.filter((r) => r.method === "h");
    const reference = rows.filter((r) => r.method === "n");
    expect(distributed.map((r) => r.table).sort()).toEqual([...DISTRIBUTED_TABLES].sort());
    expect(distributed.every((r) => r.column === "appspace_seq")).toBe(true);
    expect(new Set(distributed.map((r) => r.colocation)).size).toBe(1);
    expect(reference.map((r) => r.table).sort()).toEqual([...REFERENCE_TABLES].sort());
    await t.store.close();
  });
});
