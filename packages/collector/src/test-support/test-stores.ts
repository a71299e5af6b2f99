import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import type { Store } from "../store.js";
import { createSqliteStore } from "../stores/sqlite/sqlite-store.js";
import { createPostgresStore } from "../stores/postgres/postgres-store.js";
import { rebuildReadModel } from "../projection/rebuild.js";

export type StoreKind = "sqlite" | "postgres";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
    /** Whether that database is a Citus coordinator (`TALLY_TEST_CITUS`). */
    citus: boolean;
  }
}

/** The store this test run is for: the `collector-postgres` project sets `TALLY_TEST_STORE=postgres`. */
export const TEST_STORE: StoreKind = process.env.TALLY_TEST_STORE === "postgres" ? "postgres" : "sqlite";

/** The private cluster's URL (see `postgres.global-setup.ts`). */
export function postgresUrl(): string {
  const url = inject("postgresUrl");
  if (!url) throw new Error("no PostgreSQL cluster for this run (the collector-postgres project starts one)");
  return url;
}

/**
 * A fresh, empty database for a test that starts collectors as an operator does, as a URL. On
 * Citus it is a schema of its own in the coordinator's database (a new database there would be
 * plain PostgreSQL, without the workers); on PostgreSQL a database on the run's cluster.
 */
export async function freshDatabase(
  admin: { unsafe(sql: string): PromiseLike<unknown> },
  name: string,
): Promise<string> {
  const url = new URL(postgresUrl());
  if (inject("citus")) {
    await admin.unsafe(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    await admin.unsafe(`CREATE SCHEMA ${name}`);
    url.searchParams.set("search_path", name);
  } else {
    await admin.unsafe(`CREATE DATABASE ${name}`);
    url.pathname = `/${name}`;
  }
  return url.toString();
}

/** A store for one test, with what tests inspect it by: raw rows (`?` placeholders) and the names of its tables. */
export interface TestStore {
  store: Store;
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** Runs a statement that returns nothing (a test changing a row behind the collector's back). */
  run(sql: string, ...params: unknown[]): Promise<void>;
  tables(): Promise<string[]>;
  /** Recomputes the read model from the stored events (to compare with what the projector kept). */
  rebuild(): Promise<void>;
  /** Entries in the inbox, applied or not. */
  inboxEntries(): Promise<number>;
  /** Another store on the same data, as a restarted collector opens it (a SQLite `file`, or the same PostgreSQL schema). */
  reopen(): Promise<Store>;
}

/**
 * A fresh store of this run's kind: SQLite on `:memory:` (or `file`), or PostgreSQL in a
 * schema of its own on the run's cluster (`schema` to reopen one), both with their real migrations.
 */
export async function openTestStore(
  options: { kind?: StoreKind; file?: string; schema?: string; clock?: () => number } = {},
): Promise<TestStore & { schema?: string }> {
  const kind = options.kind ?? TEST_STORE;
  const { clock } = options;
  if (kind === "sqlite") {
    const store = createSqliteStore({ file: options.file ?? ":memory:", clock });
    return {
      store,
      rows: async (sql, ...params) => store.db.prepare(sql).all(...params) as never,
      run: async (sql, ...params) => void store.db.prepare(sql).run(...params),
      rebuild: () => store.withLedger(undefined, rebuildReadModel()),
      inboxEntries: async () => (store.inbox.prepare("SELECT count(*) AS n FROM entries").get() as { n: number }).n,
      reopen: async () => createSqliteStore({ file: options.file ?? ":memory:", clock }),
      tables: async () =>
        (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map(
          (t) => t.name,
        ),
    };
  }
  const schema = options.schema ?? `t_${randomUUID().replaceAll("-", "")}`;
  const store = await createPostgresStore({ url: postgresUrl(), schema, max: 4, clock });
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    store,
    schema,
    rows: async (sql, ...params) => [...(await store.sql.unsafe(numbered(sql), params as never[]))] as never,
    run: async (sql, ...params) => void (await store.sql.unsafe(numbered(sql), params as never[])),
    rebuild: () => store.withLedger(undefined, rebuildReadModel()),
    inboxEntries: async () => (await store.sql<{ n: number }[]>`SELECT count(*) AS n FROM inbox`)[0]!.n,
    reopen: () => createPostgresStore({ url: postgresUrl(), schema, max: 4, clock }),
    tables: async () =>
      (
        await store.sql<
          { name: string }[]
        >`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ${schema}`
      ).map((t) => t.name),
  };
}
