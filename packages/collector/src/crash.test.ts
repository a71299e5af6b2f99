import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { BROWSER_USER_AGENT } from "./test-support/browser.js";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

function serve(db: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, "serve", "--db", db, "--port", "0", "--no-demo"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const url = output.match(/listening on (http:\/\/\S+)/)?.[1];
      if (url) resolve({ url, child });
    });
    child.stderr!.on("data", (chunk) => (output += chunk));
    child.on("exit", (code, signal) => reject(new Error(`serve exited (${code ?? signal}): ${output}`)));
  });
}

const VIEWS = 20;
/** Request `n`: a purchase and VIEWS views sent without event ids (ids are minted in the projector, so applying an entry twice would show). */
const body = (n: number) => ({
  events: [
    {
      event_type: "purchase",
      transaction_id: `o${n}`,
      revenue: 10,
      currency: "USD",
      properties: { req: n },
      items: [{ item_id: "sku", price: 10 }],
    },
    ...Array.from({ length: VIEWS }, (_, i) => ({
      event_type: "view_item",
      anonymous_id: `a${n}-${i}`,
      properties: { req: n },
      items: [{ item_id: "sku" }],
    })),
  ],
});

describe("kill -9", { timeout: 60_000 }, () => {
  it("at any instant of committing or projecting loses no acknowledged event and applies none twice, in every appspace", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "tally-crash-")), "shop.db");
    // Two appspaces, each projected in its own inbox order: request n goes to shop n % 2.
    const shops = ["Shop A", "Shop B"].map((name) =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [CLI, "appspace", "create", "--db", db, "--name", name, "--currency", "USD", "--json"],
          { encoding: "utf8" },
        ),
      ),
    );
    const acknowledged = new Set<number>();
    let next = 0;
    let backlogAtAKill = 0;

    for (const killAfterMs of [400, 900, 1500]) {
      const { url, child } = await serve(db);
      let alive = true;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      const sender = async () => {
        while (alive) {
          const n = next++;
          try {
            const res = await fetch(`${url}/v1/api/analytics/ecommerce/batch`, {
              method: "POST",
              headers: {
                "content-type": "application/json",
                authorization: `Bearer ${shops[n % 2].publishable_key}`,
                "user-agent": BROWSER_USER_AGENT,
              },
              body: JSON.stringify(body(n)),
            });
            if (res.ok && (await res.json()).accepted === VIEWS + 1) acknowledged.add(n);
          } catch {
            // The process was killed under this request: it was never acknowledged.
          }
        }
      };
      const senders = Array.from({ length: 8 }, sender);
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      child.kill("SIGKILL");
      alive = false;
      await exited;
      await Promise.all(senders);
      const inbox = new Database(`${db}-inbox`, { readonly: true });
      const main = new Database(db, { readonly: true });
      const position = (
        main.prepare("SELECT coalesce(max(position), 0) AS position FROM projection_positions").get() as {
          position: number;
        }
      ).position;
      const waiting = (
        inbox.prepare("SELECT coalesce(sum(events), 0) AS n FROM entries WHERE seq > ?").get(position) as { n: number }
      ).n;
      backlogAtAKill = Math.max(backlogAtAKill, waiting);
      inbox.close();
      main.close();
    }
    // At least one kill fell while the projector had acknowledged events still to apply.
    expect(backlogAtAKill).toBeGreaterThan(0);

    const { url, child } = await serve(db);
    const overviews = [];
    for (const shop of shops) {
      const res = await fetch(`${url}/v1/api/analytics/ecommerce/overview?days=1`, {
        headers: { authorization: `Bearer ${shop.secret_key}` },
      });
      overviews.push(await res.json());
    }
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));

    const main = new Database(db, { readonly: true });
    const perRequest = main
      .prepare(
        "SELECT CAST(p.value AS INTEGER) AS req, count(*) AS n FROM event_properties p WHERE p.key = 'req' GROUP BY p.value",
      )
      .all() as Array<{ req: number; n: number }>;
    main.close();
    const stored = new Map(perRequest.map((r) => [r.req, r.n]));
    // Nothing applied twice: every stored request has exactly its own events.
    for (const [req, n] of stored) expect({ req, n }).toEqual({ req, n: VIEWS + 1 });
    // Nothing acknowledged lost (a request committed just before the kill may be stored unacknowledged).
    for (const req of acknowledged) expect(stored.has(req), `request ${req} was acknowledged`).toBe(true);
    expect(acknowledged.size).toBeGreaterThan(20);
    const storedIn = (shop: number) => [...stored.keys()].filter((req) => req % 2 === shop).length;
    expect(overviews.map((o) => o.total_orders)).toEqual([storedIn(0), storedIn(1)]);
    expect(storedIn(0)).toBeGreaterThan(10);
    expect(storedIn(1)).toBeGreaterThan(10);
  });
});
