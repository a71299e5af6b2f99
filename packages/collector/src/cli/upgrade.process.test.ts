// A database written by the previous schema version, opened by this collector: upgraded once
// (however many processes open it at the same moment), with a copy of it as it was kept beside
// it unless `serve --no-backup`, and serving its appspace and keys afterwards.
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { generateKey, hashKey, keyHint } from "../auth/keys.js";
import { MIGRATIONS } from "../stores/sqlite/migrations/index.js";
import { openInbox } from "../stores/sqlite/open.js";
import { query, serve, type Collector } from "../test-support/collector-process.js";
import { runCli, runCliAsync } from "./run-cli.test-support.js";

const PREVIOUS = MIGRATIONS.length - 1;
const running: Collector[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
});

/** A shop's database as the previous release left it: its schema, one appspace, its secret key. */
function previousReleaseShop() {
  const db = join(mkdtempSync(join(tmpdir(), "tally-upgrade-")), "shop.db");
  const file = new Database(db);
  file.pragma("journal_mode = WAL");
  for (const migration of MIGRATIONS.slice(0, PREVIOUS)) file.exec(migration);
  file.pragma(`user_version = ${PREVIOUS}`);
  const secret = generateKey("secret");
  const now = Date.now();
  const { lastInsertRowid } = file
    .prepare(
      "INSERT INTO appspaces (id, name, currency, retention_days, created_at) VALUES (?, 'Old shop', 'USD', 365, ?)",
    )
    .run(randomUUID(), now);
  file
    .prepare("INSERT INTO api_keys (appspace_seq, kind, key_hash, key_hint, created_at) VALUES (?, 'secret', ?, ?, ?)")
    .run(lastInsertRowid, hashKey(secret), keyHint(secret), now);
  file.close();
  openInbox(db).close();
  return { db, secret };
}

const schemaOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma("user_version", { simple: true }) as number;
  } finally {
    db.close();
  }
};

describe("upgrading a database written by the previous release", () => {
  it("serve keeps a copy as it was, migrates, and answers with the old keys", async () => {
    const { db, secret } = previousReleaseShop();
    const collector = await serve(db);
    running.push(collector);
    const backup = `${db}.schema-${PREVIOUS}.backup`;
    expect(collector.stderr()).toContain(
      `Upgraded database ${db} from schema version ${PREVIOUS} to ${MIGRATIONS.length}; the database as it was is at ${backup}`,
    );
    expect(schemaOf(db)).toBe(MIGRATIONS.length);
    expect(schemaOf(backup)).toBe(PREVIOUS);
    expect(existsSync(`${backup}-inbox`)).toBe(true);
    const res = await fetch(`${collector.url}/v1/api/analytics/ecommerce/track`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
      body: JSON.stringify({ event_type: "purchase", transaction_id: "after-upgrade", revenue: 10, currency: "USD" }),
    });
    expect(res.status).toBe(200);
    expect((await query(collector.url, secret, "overview")).body).toMatchObject({ total_orders: 1, total_revenue: 10 });
    await running.pop()!.stop();
    // Started again: nothing left to upgrade, nothing said.
    const again = await serve(db);
    running.push(again);
    expect(again.stderr()).not.toContain("Upgraded");
  }, 60_000);

  it("runs the migrations once when several processes open it at the same moment", async () => {
    const { db } = previousReleaseShop();
    const ran = await Promise.all(Array.from({ length: 3 }, () => runCliAsync(["appspace", "list", "--db", db])));
    for (const r of ran) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain("Old shop");
    }
    expect(ran.filter((r) => r.stderr.includes("Upgraded database"))).toHaveLength(1);
    expect(schemaOf(db)).toBe(MIGRATIONS.length);
  }, 60_000);

  it("takes no copy with serve --no-backup", async () => {
    const { db } = previousReleaseShop();
    running.push(await serve(db, { args: ["--no-backup"] }));
    expect(running[0]!.stderr()).toContain(
      `from schema version ${PREVIOUS} to ${MIGRATIONS.length} (no backup: --no-backup)`,
    );
    expect(existsSync(`${db}.schema-${PREVIOUS}.backup`)).toBe(false);
  }, 60_000);

  it("is refused, in one line naming the version, when it was written by a newer collector", () => {
    const { db } = previousReleaseShop();
    const file = new Database(db);
    file.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    file.close();
    const ran = runCli(["appspace", "list", "--db", db]);
    expect(ran.status).toBe(1);
    expect(ran.stderr.trim()).toBe(
      `tally-collector: database ${db} was written by a newer tally-collector (schema version ${MIGRATIONS.length + 1}; this one knows up to ${MIGRATIONS.length}): upgrade tally-collector, or use another --db`,
    );
  });
});
