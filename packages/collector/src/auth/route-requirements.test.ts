import { describe, expect, it } from "vitest";
import { harness, seedPurchase } from "../test-support/harness.js";
import { recordsOutcome } from "../ingest/outcome.js";
import { requirementOf, type KeyRequirement } from "./route-requirement.js";

/**
 * Every route the app answers, with the key it must need. A new route fails this test until it
 * declares its requirement with its handlers and is listed here.
 */
const EXPECTED: Record<string, KeyRequirement> = {
  "GET /healthz": "none",
  "GET /healthz/projection": "none",
  "GET /": "none",
  "GET /dashboard": "none",
  "GET /dashboard/": "none",
  "GET /dashboard/assets/:name": "none",
  "GET /v1/api/analytics/appspace": "secret",
  "POST /v1/batch": "write-key",
  "POST /v1/import": "write-key",
  "POST /v1/track": "write-key",
  "POST /v1/identify": "write-key",
  "POST /v1/page": "write-key",
  "POST /v1/screen": "write-key",
  "POST /v1/group": "write-key",
  "POST /v1/alias": "write-key",
  "POST /v1/t": "write-key",
  "POST /v1/p": "write-key",
  "POST /v1/i": "write-key",
  "POST /v1/a": "write-key",
  "POST /v1/g": "write-key",
  "POST /v1/s": "write-key",
  "POST /v1/b": "write-key",
  "POST /v1/m": "none",
  "POST /sources/:id": "none",
  "GET /sources/:id/shopify-pixel.js": "none",
  "GET /openapi.json": "none",
  "GET /tally.js": "none",
  "GET /:file{tally\\.[0-9a-f]+\\.js}": "none",
  "POST /serve/collect/conversion": "none",
  "POST /v1/api/analytics/ecommerce/track": "ingest",
  "POST /v1/api/analytics/ecommerce/batch": "ingest",
  "GET /v1/api/analytics/ecommerce/overview": "secret",
  "GET /v1/api/analytics/ecommerce/revenue-timeseries": "secret",
  "GET /v1/api/analytics/ecommerce/top-products": "secret",
  "GET /v1/api/analytics/ecommerce/revenue-by-coupon": "secret",
  "GET /v1/api/analytics/ecommerce/revenue-by-device": "secret",
  "GET /v1/api/analytics/ecommerce/revenue-by-platform": "secret",
  "GET /v1/api/analytics/ecommerce/revenue-by-country": "secret",
  "GET /v1/api/analytics/ecommerce/funnel": "secret",
  "GET /v1/api/analytics/ecommerce/cart-abandonment": "secret",
  "GET /v1/api/analytics/ecommerce/revenue-by-channel": "secret",
  "GET /v1/api/analytics/ecommerce/attribution": "secret",
  "GET /v1/api/analytics/ecommerce/cohorts": "secret",
  "GET /v1/api/analytics/ecommerce/user-journey": "secret",
  "GET /v1/api/analytics/ecommerce/coverage": "secret",
  "GET /v1/api/analytics/ecommerce/flagged": "secret",
  "DELETE /v1/api/analytics/user/:userId": "secret",
  "DELETE /v1/api/analytics/user": "secret",
};

/** Each registered route (method and path) with its handlers in the order they run. */
function registeredRoutes(app: Awaited<ReturnType<typeof harness>>["app"]) {
  const routes = new Map<string, unknown[]>();
  for (const r of app.routes) {
    // app.use(...) middleware (CORS, headers) is registered for every method.
    if (r.method === "ALL") continue;
    const key = `${r.method} ${r.path}`;
    routes.set(key, [...(routes.get(key) ?? []), r.handler]);
  }
  return routes;
}

const concrete = (path: string) => path.replace(":userId", "user_123");

// The harness is asynchronous; the routes it registers are what every case below walks.
const h = await harness();

describe("every route declares the key it needs", () => {
  const routes = registeredRoutes(h.app);

  it("declares exactly one requirement, before its handler, and the one expected", () => {
    expect([...routes.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [route, handlers] of routes) {
      const declared = handlers.map(requirementOf);
      expect(declared.filter(Boolean), route).toHaveLength(1);
      expect(declared.at(-1), `${route}: the requirement runs before the handler`).toBeUndefined();
      expect(declared.find(Boolean), route).toBe(EXPECTED[route]);
    }
  });

  it("every route that takes events records its outcome on the context, for the metrics to read", () => {
    const takesEvents = (route: string) =>
      route.startsWith("POST") &&
      (EXPECTED[route] === "ingest" ||
        EXPECTED[route] === "write-key" ||
        route === "POST /serve/collect/conversion" ||
        route === "POST /sources/:id");
    for (const [route, handlers] of routes) expect(handlers[0] === recordsOutcome, route).toBe(takesEvents(route));
  });

  const request = (
    route: string,
    { header, query, bodyKey }: { header?: string; query?: string; bodyKey?: string } = {},
  ) => {
    const [method, path] = route.split(" ") as [string, string];
    const url = concrete(path) + (query ? `?key=${query}` : "");
    const body =
      method === "POST"
        ? JSON.stringify({
            ...(route.endsWith("batch") ? { events: [seedPurchase()] } : seedPurchase()),
            ...(bodyKey ? { key: bodyKey } : {}),
          })
        : undefined;
    return h.app.request(url, {
      method,
      body,
      headers: { "content-type": "application/json", ...(header ? { authorization: `Bearer ${header}` } : {}) },
    });
  };
  const secretRoutes = Object.keys(EXPECTED).filter((r) => EXPECTED[r] === "secret");
  const ingestRoutes = Object.keys(EXPECTED).filter((r) => EXPECTED[r] === "ingest");
  const openRoutes = Object.keys(EXPECTED).filter((r) => EXPECTED[r] === "none");
  const writeKeyRoutes = Object.keys(EXPECTED).filter((r) => EXPECTED[r] === "write-key");

  it.each(writeKeyRoutes)(
    "%s: any key as Segment's clients send a write key in Basic auth, a publishable one in the body too",
    async (route) => {
      const path = route.split(" ")[1]!;
      const send = (headers: Record<string, string>, body: Record<string, unknown>) =>
        h.app.request(path, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ batch: [], ...body }),
        });
      const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` });
      expect(await (await send({}, {})).json()).toEqual({ error: "API key is required", code: "auth.missing_key" });
      expect((await send(basic("pk_nope"), {})).status).toBe(401);
      for (const key of [h.shop.publishable_key, h.shop.secret_key])
        expect((await send(basic(key), {})).status).toBe(200);
      expect((await send({}, { writeKey: h.shop.publishable_key })).status).toBe(200);
      // A secret key belongs in the header only, here as on every route.
      const secretInBody = await send({}, { writeKey: h.shop.secret_key });
      expect(secretInBody.status).toBe(401);
      expect((await secretInBody.json()).code).toBe("auth.secret_key_outside_header");
    },
  );

  it.each(secretRoutes)(
    "%s: 401 without a key, 403 with a publishable one, a secret one only in the header",
    async (route) => {
      expect((await request(route)).status).toBe(401);
      expect((await request(route, { query: h.shop.secret_key })).status).toBe(401);
      expect((await request(route, { header: h.shop.publishable_key })).status).toBe(403);
      expect((await request(route, { query: h.shop.publishable_key })).status).toBe(403);
      expect([200, 400]).toContain((await request(route, { header: h.shop.secret_key })).status);
    },
  );

  it.each(ingestRoutes)("%s: a publishable key anywhere, a secret one only in the header", async (route) => {
    expect(await (await request(route)).json()).toEqual({ error: "API key is required", code: "auth.missing_key" });
    expect((await request(route, { header: h.shop.publishable_key })).status).toBe(200);
    expect((await request(route, { query: h.shop.publishable_key })).status).toBe(200);
    expect((await request(route, { bodyKey: h.shop.publishable_key })).status).toBe(200);
    expect((await request(route, { header: h.shop.secret_key })).status).toBe(200);
    for (const misplaced of [{ query: h.shop.secret_key }, { bodyKey: h.shop.secret_key }]) {
      const res = await request(route, misplaced);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { code: string }).code).toBe("auth.secret_key_outside_header");
    }
  });

  it.each(openRoutes)("%s: answers without a key", async (route) => {
    const res = await request(route);
    expect(res.status).not.toBe(401);
    expect(res.status).not.toBe(403);
  });

  it("says where a secret key belongs", async () => {
    const inUrl = await request("GET /v1/api/analytics/ecommerce/overview", { query: h.shop.secret_key });
    expect(await inUrl.json()).toEqual({
      error:
        "A secret key belongs in the Authorization header (Authorization: Bearer sk_…), never in ?key=: revoke this key if the URL or body was logged",
      code: "auth.secret_key_outside_header",
    });
    const inBody = await request("POST /v1/api/analytics/ecommerce/track", { bodyKey: h.shop.secret_key });
    expect(((await inBody.json()) as { error: string }).error).toContain("never in the body's key field");
  });
});
