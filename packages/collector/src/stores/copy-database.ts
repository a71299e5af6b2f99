import { COPIED_TABLES } from "./copied-tables.js";
import type { SqliteStore } from "./sqlite/sqlite-store.js";
import type { PostgresStore } from "./postgres/postgres-store.js";
import { countRows as countSqliteRows, readChunk, unprojectedEntries } from "./sqlite/export.queries.js";
import { advanceSequences, countRows, lastKey, writeChunk, writeInbox } from "./postgres/import.queries.js";

/** Rows read and written per step of a copy. */
const CHUNK_ROWS = 5000;

export interface CopyProgress {
  table: string;
  done: number;
  total: number;
}

/**
 * Copies a SQLite store into a PostgreSQL one, table by table in key order and in chunks: every
 * row as it is (hashed keys, dedup ledgers, identities, the read model as kept), then the inbox
 * entries not yet projected, which the PostgreSQL collectors project. Running it again writes
 * nothing twice and picks up after the last row a stopped run wrote. The SQLite file must not be
 * served meanwhile.
 */
export async function copySqliteToPostgres(
  from: SqliteStore,
  to: PostgresStore,
  onProgress: (p: CopyProgress) => void = () => {},
) {
  let rows = 0;
  for (const table of COPIED_TABLES) {
    const source = table.inInbox ? from.inbox : from.db;
    const total = countSqliteRows(source, table);
    let after = await lastKey(to.sql, table);
    let done = after ? Math.min(total, await countRows(to.sql, table.name)) : 0;
    onProgress({ table: table.name, done, total });
    for (;;) {
      const chunk = readChunk(source, table, after, CHUNK_ROWS);
      if (chunk.rows.length === 0) break;
      await writeChunk(to.sql, table, chunk);
      const last = chunk.rows[chunk.rows.length - 1]!;
      after = table.key.map((k) => last[chunk.columns.indexOf(k)]);
      done = Math.min(total, done + chunk.rows.length);
      rows += chunk.rows.length;
      onProgress({ table: table.name, done, total });
    }
  }
  const entries = unprojectedEntries(from.db, from.inbox);
  await writeInbox(to.sql, entries);
  await advanceSequences(to.sql);
  return { tables: COPIED_TABLES.length, rows, entries: entries.length };
}
