// `tally-collector source …` as an operator runs it, then a real collector process taking a
// Shopify webhook for that source on a real socket.
import { createHmac } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, startServe } from "./run-cli.test-support.js";

function shop() {
  const db = join(mkdtempSync(join(tmpdir(), "tally-sources-")), "shop.db");
  const created = runCli(["appspace", "create", "--db", db, "--name", "Shop", "--currency", "USD", "--json"]);
  return { db, appspace: JSON.parse(created.stdout) as { id: string; secret_key: string } };
}

describe("tally-collector source", { timeout: 60_000 }, () => {
  it("add prints exactly the source's JSON; list shows it without its secret; remove makes its deliveries 404", async () => {
    const { db, appspace } = shop();
    const added = runCli([
      "source",
      "add",
      "--db",
      db,
      "--appspace",
      appspace.id,
      "--kind",
      "shopify",
      "--secret",
      "shpss_signing",
      "--json",
    ]);
    expect(added.status).toBe(0);
    const source = JSON.parse(added.stdout);
    expect(Object.keys(source)).toEqual(["id", "kind", "appspace_id", "path", "pixel_url"]);
    expect(source).toEqual({
      id: expect.stringMatching(/^src_/),
      kind: "shopify",
      appspace_id: appspace.id,
      path: `/sources/${source.id}`,
      pixel_url: `/sources/${source.id}/shopify-pixel.js`,
    });
    const stripe = JSON.parse(
      runCli([
        "source",
        "add",
        "--db",
        db,
        "--appspace",
        appspace.id,
        "--kind",
        "stripe",
        "--secret",
        "whsec_x",
        "--json",
      ]).stdout,
    );
    expect(Object.keys(stripe)).toEqual(["id", "kind", "appspace_id", "path"]);

    const listed = runCli(["source", "list", "--db", db, "--json"]);
    expect(
      JSON.parse(listed.stdout)
        .map((s: { id: string }) => s.id)
        .sort(),
    ).toEqual([source.id, stripe.id].sort());
    expect(listed.stdout).not.toContain("shpss_signing");

    const serving = await startServe(["--db", db, "--port", "0", "--no-demo"]);
    try {
      const body = JSON.stringify({
        id: 4501,
        admin_graphql_api_id: "gid://shopify/Order/4501",
        total_price: "12.50",
        currency: "USD",
        created_at: new Date().toISOString(),
        line_items: [],
      });
      const signed = {
        "x-shopify-topic": "orders/create",
        "x-shopify-hmac-sha256": createHmac("sha256", "shpss_signing").update(body).digest("base64"),
      };
      const res = await fetch(`${serving.url}${source.path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...signed },
        body,
      });
      expect(res.status).toBe(200);
      const overview = await (
        await fetch(`${serving.url}/v1/api/analytics/ecommerce/overview?days=1`, {
          headers: { authorization: `Bearer ${appspace.secret_key}` },
        })
      ).json();
      expect(overview).toMatchObject({ total_orders: 1, total_revenue: 12.5 });

      // The pixel's code carries the key source add made for it, and this collector's URL.
      const pixel = await (await fetch(`${serving.url}${source.pixel_url}`)).text();
      const pixelKey = /"key":"(pk_[^"]+)"/.exec(pixel)?.[1];
      expect(pixelKey).toBeTruthy();
      expect(pixel).toContain(`"endpoint":"${serving.url}"`);

      expect(runCli(["source", "remove", "--db", db, "--id", source.id]).status).toBe(0);
      expect((await fetch(`${serving.url}${source.path}`, { method: "POST", headers: signed, body })).status).toBe(404);
      // Its pixel key is revoked with it (keys are looked up again after at most a second).
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const track = await fetch(`${serving.url}/v1/api/analytics/ecommerce/track?key=${pixelKey}`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ event_type: "view_item", items: [{ item_id: "x" }] }),
      });
      expect(track.status).toBe(401);
    } finally {
      await serving.stop();
    }
  });

  it("refuses a wrong kind, a missing secret and an unknown source with one line", () => {
    const { db, appspace } = shop();
    const wrongKind = runCli([
      "source",
      "add",
      "--db",
      db,
      "--appspace",
      appspace.id,
      "--kind",
      "magento",
      "--secret",
      "s",
    ]);
    expect(wrongKind.status).toBe(1);
    expect(wrongKind.stderr.trim()).toBe(
      'tally-collector: source add: --kind must be one of shopify, woocommerce, stripe, not "magento"',
    );
    const noSecret = runCli(["source", "add", "--db", db, "--appspace", appspace.id, "--kind", "woocommerce"]);
    expect(noSecret.status).toBe(1);
    expect(noSecret.stderr.trim()).toBe(
      "tally-collector: source add: --secret is required: the woocommerce webhook signing secret",
    );
    const unknown = runCli(["source", "remove", "--db", db, "--id", "src_nope"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
  });
});
