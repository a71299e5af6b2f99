import { describe, expect, it } from "vitest";
import { harness, TRACK } from "../test-support/harness.js";
import { BROWSER_USER_AGENT } from "../test-support/browser.js";

const Q = "/v1/api/analytics/ecommerce";

describe("what other origins and caches may see", () => {
  it("query and erase answers carry Cache-Control: no-store", async () => {
    const h = await harness();
    const auth = { authorization: `Bearer ${h.shop.secret_key}` };
    for (const path of [`${Q}/overview`, `${Q}/top-products`, `${Q}/user-journey?user_id=u`]) {
      expect((await h.app.request(path, { headers: auth })).headers.get("cache-control"), path).toBe("no-store");
    }
    const erased = await h.app.request("/v1/api/analytics/user/u", { method: "DELETE", headers: auth });
    expect(erased.headers.get("cache-control")).toBe("no-store");
  });

  it("answers CORS on the ingest routes only, never on a query or an erase", async () => {
    const h = await harness();
    const preflight = (path: string, method: string) =>
      h.app.request(path, {
        method: "OPTIONS",
        headers: {
          origin: "https://evil.example",
          "access-control-request-method": method,
          "access-control-request-headers": "authorization",
        },
      });
    for (const path of [TRACK, `${Q}/batch`, "/v1/batch", "/v1/track", "/v1/identify", "/serve/collect/conversion"]) {
      expect((await preflight(path, "POST")).headers.get("access-control-allow-origin"), path).toBe("*");
    }
    for (const [path, method] of [
      [`${Q}/overview`, "GET"],
      ["/v1/api/analytics/user/u", "DELETE"],
    ] as const) {
      expect((await preflight(path, method)).headers.get("access-control-allow-origin"), path).toBeNull();
      const answer = await h.app.request(path, {
        method,
        headers: { origin: "https://evil.example", authorization: `Bearer ${h.shop.secret_key}` },
      });
      expect(answer.headers.get("access-control-allow-origin"), path).toBeNull();
    }
  });

  it("erases a user whose id a path cannot carry, named in the query string", async () => {
    const h = await harness();
    const userId = "shop/42?x=1";
    await h.post(TRACK, { event_type: "view_cart", user_id: userId }, h.shop.publishable_key, {
      "user-agent": BROWSER_USER_AGENT,
    });
    expect(await h.rows("SELECT user_id FROM events")).toEqual([{ user_id: userId }]);
    const res = await h.app.request(`/v1/api/analytics/user?user_id=${encodeURIComponent(userId)}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${h.shop.secret_key}` },
    });
    expect(await res.json()).toEqual({ ok: true, deleted_user_id: userId });
    expect(await h.rows("SELECT * FROM events WHERE user_id IS NOT NULL")).toEqual([]);
    const missing = await h.app.request("/v1/api/analytics/user", {
      method: "DELETE",
      headers: { authorization: `Bearer ${h.shop.secret_key}` },
    });
    expect(missing.status).toBe(400);
  });
});
