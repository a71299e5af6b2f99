import { existsSync, readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// The collector's store suites run on SQLite always, and on PostgreSQL too when its server
// programs are installed (Debian's postgresql package) or TALLY_TEST_POSTGRES names a database.
// Either way the run says which ran.
const root = "/usr/lib/postgresql";
const postgres =
  Boolean(process.env.TALLY_TEST_POSTGRES || process.env.TALLY_PG_BIN) ||
  (existsSync(root) && readdirSync(root).some((v) => existsSync(join(root, v, "bin", "initdb"))));
process.stderr.write(
  postgres
    ? "store suites: SQLite and PostgreSQL\n"
    : "store suites: SQLite only — PostgreSQL was not found (apt-get install postgresql, or set TALLY_TEST_POSTGRES=postgres://…); the PostgreSQL suites did not run\n",
);

export default defineConfig({
  test: {
    // Vitest's default leaves one core free, which on a two-core machine runs one file at a time;
    // many suites mostly wait (on child processes, a 30 s trickle timeout, webhook backoff), so a
    // file per core keeps both busy: on two cores the run takes ~5.5 min instead of ~9.5.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: ["packages/*/vitest.config.ts", ...(postgres ? ["packages/collector/vitest.postgres.config.ts"] : [])],
  },
});
