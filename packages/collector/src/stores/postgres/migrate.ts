import type { Sql } from "./connect.js";
import { MIGRATIONS } from "./migrations/index.js";

// Any fixed number: collectors starting at once queue on it, so one migrates and the others
// find the work done.
const MIGRATION_LOCK = 7_310_001;

/**
 * Creates the schema when given and missing, then runs the migrations newer than its
 * `schema_version`, in one transaction under an advisory lock: safe when several
 * collectors start on the same database at once.
 */
export async function migrate(sql: Sql, schema?: string): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    if (schema) await tx.unsafe(`CREATE SCHEMA IF NOT EXISTS "${schema.replaceAll('"', '""')}"`);
    await tx`CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)`;
    await tx`INSERT INTO schema_version (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING`;
    const [{ version }] = await tx<{ version: number }[]>`SELECT version FROM schema_version FOR UPDATE`;
    if (version > MIGRATIONS.length) {
      throw new Error(
        `the database is at schema version ${version}, newer than this collector's ${MIGRATIONS.length}: upgrade the collector`,
      );
    }
    for (let next = version + 1; next <= MIGRATIONS.length; next++) {
      await tx.unsafe(MIGRATIONS[next - 1]!);
      await tx`UPDATE schema_version SET version = ${next}`;
    }
  });
}
