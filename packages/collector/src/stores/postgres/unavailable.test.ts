import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type Cluster } from "../../test-support/postgres-cluster.js";
import { cli, postBatch, query, serve, type Collector } from "../../test-support/collector-process.js";

// A cluster of this file's own, stopped and started again under a serving collector.
let cluster: Cluster;
let collector: Collector;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(() => {
  collector?.child.kill("SIGKILL");
  cluster?.remove();
});

describe("the database going away while a collector serves", { timeout: 120_000 }, () => {
  it("answers 503 with Retry-After for ingest and queries, acknowledges nothing meanwhile, and recovers by itself", async () => {
    const keys = JSON.parse(
      cli(["appspace", "create", "--db", cluster.url, "--name", "Shop", "--currency", "USD", "--json"]),
    ) as { secret_key: string };
    collector = await serve(cluster.url);
    const order = (n: number) => ({ event_type: "purchase", transaction_id: `o${n}`, revenue: 10, currency: "USD" });
    expect((await postBatch(collector.url, keys.secret_key, [order(1)])).status).toBe(200);

    cluster.stop();
    const refused = await postBatch(collector.url, keys.secret_key, [order(2)]);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.body.code).toBe("store.unavailable");
    const unread = await query(collector.url, keys.secret_key, "overview");
    expect(unread.status).toBe(503);

    cluster.start();
    const deadline = Date.now() + 15_000;
    let sent;
    do sent = await postBatch(collector.url, keys.secret_key, [order(3)]).catch(() => undefined);
    while (sent?.status !== 200 && Date.now() < deadline && (await new Promise((r) => setTimeout(r, 200)), true));
    expect(sent?.status).toBe(200);
    const { body } = await query(collector.url, keys.secret_key, "overview");
    // Order 2 was refused, never acknowledged: it is not there; 1 and 3 are.
    expect(body.total_orders).toBe(2);
    expect(body.total_revenue).toBe(20);
  });
});
