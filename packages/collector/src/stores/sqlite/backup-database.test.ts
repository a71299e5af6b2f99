// backupDatabase on a real database file while, in the same process, purchases keep arriving
// and the projector passes them and the inbox drops what it passed: the copy is the database at
// the instant the backup began — every purchase acknowledged before it, once; none after it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAppspace } from "../../appspaces/create-appspace.js";
import { testApp } from "../../test-support/harness.js";
import { backupDatabase } from "./backup-database.js";
import { COMPACT_EVERY } from "./inbox.queries.js";
import { createSqliteStore } from "./sqlite-store.js";

const E = "/v1/api/analytics/ecommerce";

function serving(file: string) {
  const store = createSqliteStore({ file });
  const app = testApp(store, { clock: Date.now, log: () => {} });
  return { store, app };
}

describe("backupDatabase", () => {
  it("copies the database and its inbox as they were when it began, while appends and projection go on", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tally-backup-unit-"));
    const file = join(dir, "shop.db");
    const { store, app } = serving(file);
    const shop = await createAppspace(store, { name: "Shop", currency: "USD" });
    const headers = { "content-type": "application/json", authorization: `Bearer ${shop.secret_key}` };
    const buy = async (id: string) => {
      const res = await app.request(`${E}/track`, {
        method: "POST",
        headers,
        body: JSON.stringify({
          event_type: "purchase",
          transaction_id: id,
          revenue: 1,
          currency: "USD",
          user_id: "shopper",
        }),
      });
      expect(res.status).toBe(200);
    };
    for (let i = 0; i < 100; i++) await buy(`before-${i}`);

    // The snapshots are taken when it is called; the copying goes on while this process writes.
    const copying = backupDatabase(file, join(dir, "copy.db"));
    // Past COMPACT_EVERY entries projected, an append drops them from the live inbox.
    for (let i = 0; i < COMPACT_EVERY; i++) await buy(`during-${i}`);
    await app.projector.drain();
    await buy("compacts-the-inbox");
    const copied = await copying;
    expect(copied.files).toEqual({ database: join(dir, "copy.db"), inbox: join(dir, "copy.db-inbox") });
    // The live inbox has dropped entries the copy may still need: the copy must not.
    expect(store.inbox.prepare("SELECT min(seq) AS first FROM entries").get()).not.toEqual({ first: 1 });
    await app.projector.stop();
    await store.close();

    const restored = serving(join(dir, "copy.db"));
    const journey = async () => {
      const res = await restored.app.request(`${E}/user-journey?user_id=shopper`, { headers });
      return ((await res.json()) as { events: { transaction_id: string }[] }).events
        .map((e) => e.transaction_id)
        .sort();
    };
    const expected = Array.from({ length: 100 }, (_, i) => `before-${i}`).sort();
    expect(await journey()).toEqual(expected);
    // A purchase after the restore is numbered after the copy's position, and counted.
    const res = await restored.app.request(`${E}/track`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        event_type: "purchase",
        transaction_id: "after-restore",
        revenue: 1,
        currency: "USD",
        user_id: "shopper",
      }),
    });
    expect(res.status).toBe(200);
    expect(await journey()).toEqual([...expected, "after-restore"].sort());
    await restored.app.projector.stop();
    await restored.store.close();
  }, 60_000);
});
