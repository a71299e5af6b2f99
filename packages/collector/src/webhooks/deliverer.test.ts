// The deliverer against real local receivers, on a real in-memory store: a receiver that never
// answers holds up only its own delivery, which times out and is scheduled again.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, it } from "vitest";
import { harness, NOW, seedPurchase, TRACK } from "../test-support/harness.js";
import { startDeliverer, type DeliveryResult } from "./deliverer.js";

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

async function listen(handler: Parameters<typeof createServer>[1]) {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

it("sends to a good receiver while another hangs, then times the hanging one out and tries it again later", async () => {
  const h = await harness();
  const received: string[] = [];
  const good = await listen((req, res) => {
    req.resume();
    req.on("end", () => {
      received.push(String(req.headers["tally-signature"]));
      res.writeHead(204).end();
    });
  });
  const hanging = await listen(() => {});
  for (const [id, url] of [
    ["wh_hang", hanging],
    ["wh_good", good],
  ]) {
    await h.store.addWebhook({
      id: id!,
      appspace_id: h.shop.id,
      url: url!,
      events: ["purchase"],
      secret: "whsec_x",
      created_at: NOW,
      allow_private: true,
    });
  }
  await h.post(TRACK, seedPurchase({ transaction_id: "a" }), h.shop.secret_key);
  const results: DeliveryResult[] = [];
  const deliverer = startDeliverer({
    store: h.store,
    pollMs: 50,
    timeoutMs: 1500,
    // The collector's clock, which the projector stamped the outbox rows with.
    clock: () => h.clock.now,
    log: () => {},
    onResult: (r) => results.push(r),
  });
  try {
    await expect.poll(() => received.length, { timeout: 1000 }).toBe(1);
    await h.post(TRACK, seedPurchase({ transaction_id: "b" }), h.shop.secret_key);
    await expect.poll(() => received.length, { timeout: 1000 }).toBe(2);
    await expect.poll(() => h.store.webhookBacklog(), { timeout: 1000 }).toBe(2);
    await expect.poll(() => results.filter((r) => r === "failed").length, { timeout: 4000 }).toBe(2);
    expect(results.filter((r) => r === "delivered")).toHaveLength(2);
    // Scheduled again, not lost: due within the first retry's 5 s.
    expect(await h.store.claimDeliveries(h.clock.now + 5_000, 60_000, 10)).toHaveLength(2);
  } finally {
    await deliverer.stop();
  }
});

it("logs a failed receiver's URL without its user-info or query string", async () => {
  const h = await harness();
  const authorizations: string[] = [];
  const failing = await listen((req, res) => {
    authorizations.push(String(req.headers.authorization));
    req.resume();
    res.writeHead(500).end();
  });
  const url = `${failing.replace("http://", "http://hook-user:hook-pass@")}in?token=s3cret-token`;
  await h.store.addWebhook({
    id: "wh_fail",
    appspace_id: h.shop.id,
    url,
    events: ["purchase"],
    secret: "whsec_x",
    created_at: NOW,
    allow_private: true,
  });
  await h.post(TRACK, seedPurchase({ transaction_id: "a" }), h.shop.secret_key);
  const lines: string[] = [];
  const deliverer = startDeliverer({ store: h.store, pollMs: 50, timeoutMs: 1500, log: (line) => lines.push(line) });
  try {
    await expect.poll(() => lines.length, { timeout: 3000 }).toBeGreaterThan(0);
  } finally {
    await deliverer.stop();
  }
  expect(lines[0]).toContain(`webhook ${failing}in?…: event`);
  expect(lines.join("\n")).not.toMatch(/hook-user|hook-pass|s3cret-token/);
  // The user-info went as Basic auth, which fetch cannot send from the URL itself.
  expect(authorizations[0]).toBe(`Basic ${Buffer.from("hook-user:hook-pass").toString("base64")}`);
});
