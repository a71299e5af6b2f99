import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { secretKey } from "../auth/secret-key.middleware.js";
import { onError } from "../http/on-error.js";
import { harness, TRACK } from "../test-support/harness.js";
import { BROWSER_USER_AGENT } from "../test-support/browser.js";
import { createAuthenticator } from "../auth/authenticate.js";
import { dashboardFilesIn } from "./built-files.js";
import { DASHBOARD_CSP, dashboardRoutes } from "./dashboard.routes.js";

/** The routes behind the collector's own error handler, as createApp mounts them. */
async function mounted(dir: string | undefined) {
  const app = new Hono();
  app.onError(onError(() => {}));
  const { store } = await harness();
  return app.route(
    "/",
    dashboardRoutes({
      secret: secretKey(createAuthenticator(store)),
      files: () => (dir === undefined ? undefined : dashboardFilesIn(dir)),
      store,
    }),
  );
}

function builtDir() {
  const dir = mkdtempSync(join(tmpdir(), "tally-dashboard-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), '<!doctype html><script defer src="/dashboard/assets/app-ABC.js"></script>');
  writeFileSync(join(dir, "assets", "app-ABC.js"), "console.log('dashboard');".repeat(50));
  return dir;
}

const app = await mounted(builtDir());

describe("GET /dashboard", () => {
  it("redirects / to /dashboard, keeping the range", async () => {
    const res = await app.request("/?days=7");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/dashboard?days=7");
  });

  it("serves the page under a strict CSP, never cached stale", async () => {
    const res = await app.request("/dashboard");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).not.toContain("unsafe");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(await res.text()).toContain("/dashboard/assets/app-ABC.js");
  });

  it("serves hashed assets compressed when asked, cacheable for good", async () => {
    const res = await app.request("/dashboard/assets/app-ABC.js", { headers: { "accept-encoding": "gzip, br" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("cache-control")).toContain("immutable");
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeLessThan(200);
    expect(gunzipSync(body).toString()).toBe("console.log('dashboard');".repeat(50));
  });

  it("answers an unknown asset with a JSON 404", async () => {
    const res = await app.request("/dashboard/assets/nope.js");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "No dashboard file nope.js", code: "dashboard.not_found" });
  });

  it("says how to build it when it is not built", async () => {
    const res = await (await mounted(undefined)).request("/dashboard");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: "The dashboard is not built: run `pnpm build`",
      code: "dashboard.not_built",
    });
  });
});

describe("GET /v1/api/analytics/appspace", () => {
  it("names the appspace and its base currency for a secret key", async () => {
    const h = await harness({ currency: "KWD" });
    const res = await h.app.request("/v1/api/analytics/appspace", {
      headers: { authorization: `Bearer ${h.shop.secret_key}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id: h.shop.id,
      name: "Shop",
      currency: "KWD",
      retention_days: 365,
      dropped_this_month: {},
    });
  });

  it("says what the bot rule dropped this month, which no answer to the sender reveals", async () => {
    const h = await harness();
    const curl = { "user-agent": "curl/8.5.0" };
    for (let i = 0; i < 3; i++)
      expect(
        await (
          await h.post(TRACK, { event_type: "view_cart", event_id: `bot-${i}` }, h.shop.publishable_key, curl)
        ).json(),
      ).toEqual({ ok: true });
    await h.post(TRACK, { event_type: "view_cart" }, h.shop.publishable_key, { "user-agent": BROWSER_USER_AGENT });
    // Counted beside the answer: give the write its moment.
    await expect
      .poll(
        async () =>
          (
            await (
              await h.app.request("/v1/api/analytics/appspace", {
                headers: { authorization: `Bearer ${h.shop.secret_key}` },
              })
            ).json()
          ).dropped_this_month,
      )
      .toEqual({ bot: 3 });
  });

  it("refuses a publishable key with 403 and no key with 401", async () => {
    const h = await harness();
    const publishable = await h.app.request("/v1/api/analytics/appspace", {
      headers: { authorization: `Bearer ${h.shop.publishable_key}` },
    });
    expect(publishable.status).toBe(403);
    expect(await publishable.json()).toMatchObject({ code: "auth.secret_key_required" });
    const none = await h.app.request("/v1/api/analytics/appspace");
    expect(none.status).toBe(401);
  });
});
