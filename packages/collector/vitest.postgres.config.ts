import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

const here = fileURLToPath(new URL(".", import.meta.url));

/**
 * A suite says it is SQLite's only with this marker and the reason, in the file:
 * `// store-suite: sqlite only, because <why>`.
 */
export const SQLITE_ONLY = /^\/\/ store-suite: sqlite only, because \S/m;
/** A suite that opens a store through the test harness or the test stores runs on whichever store the run is for. */
const OPENS_A_STORE = /\b(harness|sourceHarness|openTestStore)\(/;

/**
 * The suites of the PostgreSQL run, picked by themselves: the PostgreSQL store's own
 * (`src/stores/postgres/`), and every suite that opens its store through the test harness
 * (`harness()`, `openTestStore()`), unless it carries the `SQLITE_ONLY` marker.
 */
export function postgresSuites(root = here): string[] {
  const files = readdirSync(join(root, "src"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => join("src", f));
  return files.filter((file) => {
    if (file.startsWith(join("src", "stores", "postgres"))) return true;
    const text = readFileSync(join(root, file), "utf8");
    return OPENS_A_STORE.test(text) && !SQLITE_ONLY.test(text);
  });
}

/**
 * The store-level suites again, on PostgreSQL: every test that goes through `harness()` or
 * `openTestStore()` gets a PostgreSQL store in a schema of its own on a private cluster.
 */
export default defineProject({
  test: {
    name: "collector-postgres",
    include: postgresSuites(),
    env: { TALLY_TEST_STORE: "postgres" },
    // Each request is a few round trips to a server instead of calls in the process; on Citus each
    // statement goes through the coordinator to a worker, three servers sharing the machine.
    testTimeout: process.env.TALLY_TEST_CITUS ? 120_000 : 30_000,
    globalSetup: ["src/test-support/postgres.global-setup.ts"],
  },
});
