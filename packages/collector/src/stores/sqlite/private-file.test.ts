import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../cli/run-cli.test-support.js";

describe("database files", () => {
  it("are created readable and writable by their owner only, their log files too", () => {
    const db = join(mkdtempSync(join(tmpdir(), "tally-private-")), "shop.db");
    const created = runCli(["appspace", "create", "--db", db, "--name", "Shop", "--currency", "USD", "--json"]);
    expect(created.status, created.stderr).toBe(0);
    const { id } = JSON.parse(created.stdout);
    // A webhook secret is in there now.
    expect(
      runCli([
        "webhook",
        "add",
        "--db",
        db,
        "--appspace",
        id,
        "--url",
        "https://hooks.example/tally",
        "--events",
        "purchase",
      ]).status,
    ).toBe(0);
    const files = [db, `${db}-inbox`, `${db}-wal`, `${db}-shm`, `${db}-inbox-wal`, `${db}-inbox-shm`].filter(
      existsSync,
    );
    expect(files).toContain(`${db}-inbox`);
    for (const file of files) expect((statSync(file).mode & 0o777).toString(8), file).toBe("600");
  });
});
