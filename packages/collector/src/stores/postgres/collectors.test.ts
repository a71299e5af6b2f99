import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { cli, postBatch, query, serve, type Collector } from "../../test-support/collector-process.js";
import { freshDatabase, postgresUrl } from "../../test-support/test-stores.js";

// Real collector processes on one real PostgreSQL database: the exactly-once promise across
// processes, read-after-acknowledge across them, and a collector killed with SIGKILL.

const running: Collector[] = [];
afterEach(() => {
  for (const c of running.splice(0)) c.child.kill("SIGKILL");
});

let admin: postgres.Sql;
beforeAll(() => {
  admin = postgres(postgresUrl(), { onnotice: () => {} });
});
afterAll(() => admin.end());

/** A fresh database on the cluster, and an appspace in it made by the CLI. */
async function freshShop(name: string) {
  const url = await freshDatabase(admin, name);
  const keys = JSON.parse(
    cli(["appspace", "create", "--db", url, "--name", "Shop", "--currency", "USD", "--json"]),
  ) as { publishable_key: string; secret_key: string };
  return { url, keys };
}

async function two(url: string): Promise<[Collector, Collector]> {
  const [a, b] = await Promise.all([serve(url), serve(url)]);
  running.push(a, b);
  return [a, b];
}

const purchase = (n: number, extra: Record<string, unknown> = {}) => ({
  event_type: "purchase",
  transaction_id: `order-${n}`,
  revenue: 30,
  currency: "USD",
  items: [{ item_id: "sku-1", price: 10, quantity: 3 }],
  ...extra,
});

describe("several collectors on one PostgreSQL database", { timeout: 120_000 }, () => {
  it("store the same 400 orders sent to both at once exactly once", async () => {
    const { url, keys } = await freshShop("same_orders");
    const [a, b] = await two(url);
    const batches = Array.from({ length: 40 }, (_, i) => Array.from({ length: 10 }, (_, j) => i * 10 + j));
    const answers = await Promise.all(
      batches.flatMap((ns) => [
        postBatch(
          a.url,
          keys.secret_key,
          ns.map((n) => purchase(n, { event_id: `a-${n}` })),
        ),
        postBatch(
          b.url,
          keys.secret_key,
          ns.map((n) => purchase(n, { event_id: `b-${n}` })),
        ),
      ]),
    );
    expect(answers.every((r) => r.status === 200 && r.body.accepted === 10)).toBe(true);
    for (const c of [a, b]) {
      const { body } = await query(c.url, keys.secret_key, "overview");
      expect(body.total_orders).toBe(400);
      expect(body.total_revenue).toBe(12_000);
      expect(body.total_items_sold).toBe(1200);
    }
  });

  it("merge the browser's and the server's copy of 200 orders raced on different collectors", async () => {
    const { url, keys } = await freshShop("merged_orders");
    const [a, b] = await two(url);
    const browser = (n: number) =>
      purchase(n, {
        anonymous_id: `anon-${n}`,
        revenue: 29,
        context: { utm_source: "news", utm_medium: "email", utm_campaign: "dec" },
      });
    const server = (n: number) => purchase(n, { user_id: `user-${n}`, revenue: 30 });
    const sends = [];
    for (let i = 0; i < 200; i += 10) {
      const ns = Array.from({ length: 10 }, (_, j) => i + j);
      // Half the orders reach A from the browser and B from the server, half the other way round.
      const [first, second] = i % 20 === 0 ? [a, b] : [b, a];
      sends.push(
        postBatch(first.url, keys.publishable_key, ns.map(browser)),
        postBatch(second.url, keys.secret_key, ns.map(server)),
      );
    }
    const answers = await Promise.all(sends);
    expect(answers.every((r) => r.status === 200 && r.body.accepted === 10)).toBe(true);
    const overview = await query(b.url, keys.secret_key, "overview");
    expect(overview.body.total_orders).toBe(200);
    // The server's money wins the merge; the browser's campaign stays on the order.
    expect(overview.body.total_revenue).toBe(6000);
    const coverage = await query(a.url, keys.secret_key, "coverage");
    expect((coverage.body.orders as { both: number }).both).toBe(200);
    const channels = await query(a.url, keys.secret_key, "revenue-by-channel");
    expect(JSON.stringify(channels.body)).toContain("news");
  });

  it("count every acknowledged order once when one collector is killed mid-stream, and the other takes over its projection", async () => {
    const { url, keys } = await freshShop("killed_collector");
    const [a, b] = await two(url);
    const acknowledged = new Set<number>();
    let next = 0;
    let killed = false;
    // Senders that go to A while it lives, and send again to B what A never answered.
    const sender = async () => {
      while (next < 600) {
        const n = next++;
        // Event ids, as the SDK and @tally/node send them: a batch sent again is recognised.
        const events = [
          purchase(n),
          ...Array.from({ length: 9 }, (_, i) => ({
            event_type: "view_item",
            event_id: `view-${n}-${i}`,
            anonymous_id: `v${n}-${i}`,
            items: [{ item_id: "sku-1" }],
          })),
        ];
        for (const target of killed ? [b] : [a, b]) {
          try {
            const res = await postBatch(target.url, keys.secret_key, events);
            if (res.status === 200 && res.body.accepted === 10) {
              acknowledged.add(n);
              break;
            }
          } catch {
            // A died with this request in flight: B gets it.
          }
        }
      }
    };
    const senders = Array.from({ length: 6 }, sender);
    await new Promise((resolve) => setTimeout(resolve, 700));
    a.child.kill("SIGKILL");
    killed = true;
    await Promise.all(senders);
    expect(acknowledged.size).toBe(600);

    const deadline = Date.now() + 10_000;
    let overview;
    do overview = await query(b.url, keys.secret_key, "overview");
    while (overview.body.total_orders !== 600 && Date.now() < deadline);
    expect(overview.body.total_orders).toBe(600);
    const shop = postgres(url, { onnotice: () => {} });
    const [{ n: views }] = await shop<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM events WHERE event_type = 'view_item'`;
    await shop.end();
    expect(views).toBe(600 * 9);
  });

  it("project two busy appspaces on two collectors at once; one killed, the other takes its partition over", async () => {
    const { url, keys: first } = await freshShop("two_appspaces");
    const second = JSON.parse(
      cli(["appspace", "create", "--db", url, "--name", "Second", "--currency", "USD", "--json"]),
    ) as { secret_key: string };
    const [a, b] = await two(url);
    let killed = false;
    const acknowledged = { first: new Set<number>(), second: new Set<number>() };
    // Each appspace's traffic goes to its own collector, so each projects its own partition; the
    // first's falls back to B once A is gone.
    const sender = (shop: "first" | "second", key: string, home: Collector) => async () => {
      for (let n = 0; n < 150; n++) {
        const events = [
          purchase(n),
          ...Array.from({ length: 19 }, (_, i) => ({
            event_type: "view_item",
            event_id: `${shop}-${n}-${i}`,
            anonymous_id: `v${n}-${i}`,
            items: [{ item_id: "sku-1" }],
          })),
        ];
        for (const target of killed || home === b ? [b] : [a, b]) {
          try {
            const res = await postBatch(target.url, key, events);
            if (res.status === 200 && res.body.accepted === 20) {
              acknowledged[shop].add(n);
              break;
            }
          } catch {
            // A died with this request in flight: B gets it.
          }
        }
      }
    };
    const senders = [
      sender("first", first.secret_key, a)(),
      sender("first", first.secret_key, a)(),
      sender("second", second.secret_key, b)(),
    ];
    await new Promise((resolve) => setTimeout(resolve, 800));
    a.child.kill("SIGKILL");
    killed = true;
    await Promise.all(senders);
    expect(acknowledged.first.size).toBe(150);
    expect(acknowledged.second.size).toBe(150);
    for (const key of [first.secret_key, second.secret_key]) {
      const deadline = Date.now() + 15_000;
      let overview;
      do overview = await query(b.url, key, "overview");
      while (overview.body.total_orders !== 150 && Date.now() < deadline);
      expect(overview.body.total_orders).toBe(150);
    }
    const shop = postgres(url, { onnotice: () => {} });
    const views = await shop<{ appspace_seq: number; n: number }[]>`
      SELECT appspace_seq, count(*)::int AS n FROM events WHERE event_type = 'view_item' GROUP BY appspace_seq ORDER BY appspace_seq`;
    await shop.end();
    // The first appspace's senders each sent the same 150 batches: repeats dropped by event id.
    expect(views.map((v) => v.n)).toEqual([150 * 19, 150 * 19]);
  });

  it("answer on B what was acknowledged by A, at once", async () => {
    const { url, keys } = await freshShop("read_after_ack");
    const [a, b] = await two(url);
    for (let i = 0; i < 5; i++) {
      const sent = await postBatch(a.url, keys.publishable_key, [purchase(i, { anonymous_id: `v${i}` })]);
      expect(sent.body).toEqual({ ok: true, accepted: 1 });
      const seen = await query(b.url, keys.secret_key, "overview");
      expect(seen.headers.get("tally-projection-lag")).toBeNull();
      expect(seen.body.total_orders).toBe(i + 1);
    }
  });

  it("share one monthly quota: what A accepted counts against B's browser events", async () => {
    const { url, keys } = await freshShop("shared_quota");
    const { id } = JSON.parse(cli(["appspace", "list", "--db", url, "--json"]))[0] as { id: string };
    cli(["appspace", "update", "--db", url, "--id", id, "--quota", "5"]);
    const [a, b] = await two(url);
    const three = (from: number) => [0, 1, 2].map((i) => purchase(from + i));
    expect((await postBatch(a.url, keys.secret_key, three(0))).body).toEqual({ ok: true, accepted: 3 });
    // Each collector re-reads the shared count within a second.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Browser events are refused past the quota; the shop's server events never are.
    const refused = await postBatch(b.url, keys.publishable_key, three(10));
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe("Ecommerce event quota exceeded");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await postBatch(b.url, keys.publishable_key, three(20).slice(0, 2))).body).toEqual({
      ok: true,
      accepted: 2,
    });
    expect((await postBatch(b.url, keys.secret_key, three(30))).body).toEqual({ ok: true, accepted: 3 });
  });

  it("refuse an unreachable or wrong database in one line at start", () => {
    const attempt = (db: string) => {
      try {
        cli(["serve", "--db", db, "--port", "0", "--no-demo"]);
        return "started";
      } catch (error) {
        const e = error as { status: number; stderr: string };
        return `${e.status}: ${e.stderr.trim()}`;
      }
    };
    const base = postgresUrl().replace(/\/[^/]*$/, "");
    expect(attempt(`${base}/no_such_db`)).toMatch(/^1: tally-collector: .*database "no_such_db" does not exist.*$/);
    expect(attempt(`${base.replace("tally:tally@", "tally:wrong@")}/postgres`)).toMatch(
      /^1: tally-collector: cannot sign in to .*:\*\*\*@.*password authentication failed/,
    );
    expect(attempt("postgres://tally:tally@127.0.0.1:1/postgres")).toMatch(
      /^1: tally-collector: cannot reach PostgreSQL at .*ECONNREFUSED/,
    );
    for (const line of [attempt(`${base}/no_such_db`)]) expect(line.split("\n")).toHaveLength(1);
  });
});
