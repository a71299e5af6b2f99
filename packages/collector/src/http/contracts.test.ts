import { describe, expect, it, beforeAll } from "vitest";
import { BATCH, harness, seedPurchase, TRACK, type Harness } from "../test-support/harness.js";
import { scenario } from "../test-support/scenario.js";
import { batchRoute, trackRoute } from "../ingest/ingest.contract.js";
import { QUERY_ROUTES } from "../queries/query-routes.js";
import type { RouteContract } from "./contract.js";
import { jsonSchemaOf } from "./openapi-operation.js";

// Every query route, over the scenario's shop, with parameters a client would send.
const ASKED: Record<string, string[]> = {
  "/v1/api/analytics/ecommerce/top-products": ["limit=5"],
  "/v1/api/analytics/ecommerce/attribution": ["model=linear&window=60", "model=time_decay"],
  "/v1/api/analytics/ecommerce/cohorts": ["months=12"],
  "/v1/api/analytics/ecommerce/user-journey": ["user_id=server-user-1", "user_id=later-2&days=365"],
  "/v1/api/analytics/ecommerce/flagged": [""],
  "/v1/api/analytics/user": ["user_id=later-3"],
};
const RANGES = ["", "days=7", "start=2026-01-20&end=2026-02-28&exclude_flagged=true", "days=365"];

let h: Harness;

beforeAll(async () => {
  h = await harness();
  const sent = scenario();
  for (const kind of ["pk", "sk"] as const) {
    const events = sent.filter((s) => s.key === kind).map((s) => s.body);
    for (let i = 0; i < events.length; i += 100) {
      const key = kind === "pk" ? h.shop.publishable_key : h.shop.secret_key;
      const res = await h.post(BATCH, { events: events.slice(i, i + 100) }, key);
      expect(res.status).toBe(200);
    }
  }
});

async function call(route: RouteContract, query: string) {
  const path = route.path.replace("{userId}", "later-4");
  const res = await h.app.request(`${path}${query ? `?${query}` : ""}`, {
    method: route.method.toUpperCase(),
    headers: { authorization: `Bearer ${h.shop.secret_key}` },
  });
  return { status: res.status, body: await res.json() };
}

describe("every query answer, as the server gives it, is what its contract declares", () => {
  // Erasing changes what the others answer: those routes go last.
  const routes = [...QUERY_ROUTES].sort((a, b) => Number(a.method === "delete") - Number(b.method === "delete"));
  for (const route of routes) {
    const asked = ASKED[route.path] ?? RANGES;
    it.each(asked)(`${route.method.toUpperCase()} ${route.path}?%s`, async (query) => {
      const { status, body } = await call(route, query);
      expect(status, JSON.stringify(body)).toBe(200);
      const checked = route.answer.safeParse(body);
      expect(checked.error?.issues ?? [], JSON.stringify(body).slice(0, 500)).toEqual([]);
      // Parsing drops what the schema does not declare: a field the answer has beyond it fails here.
      expect(checked.data).toEqual(body);
    });
  }

  it("the scenario fills the lists the answers hold", async () => {
    const find = (path: string) => QUERY_ROUTES.find((r) => r.path.endsWith(path))!;
    const lists = {
      "top-products": "products",
      "revenue-by-coupon": "coupons",
      "revenue-by-device": "devices",
      "revenue-by-channel": "channels",
      attribution: "attributed",
      cohorts: "cohorts",
    };
    for (const [path, list] of Object.entries(lists)) {
      const { body } = await call(find(path), path === "cohorts" ? "months=12" : "days=365");
      expect((body as Record<string, unknown[]>)[list]!.length, path).toBeGreaterThan(0);
    }
    const { body } = await call(find("user-journey"), "user_id=server-user-1");
    expect((body as { events: unknown[] }).events.length).toBeGreaterThan(0);
  });

  it("/openapi.json gives each route's answer schema as generated from its contract", async () => {
    const doc = (await (await h.app.request("/openapi.json")).json()) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content: Record<string, { schema: unknown }> }> }>
      >;
    };
    for (const route of QUERY_ROUTES)
      expect(doc.paths[route.path]![route.method]!.responses["200"]!.content["application/json"]!.schema).toEqual(
        jsonSchemaOf(route.answer),
      );
  });
});

describe("every ingest answer is what its contract declares", () => {
  const valid = (route: RouteContract, body: unknown) => {
    const checked = route.answer.safeParse(body);
    expect(checked.error?.issues ?? []).toEqual([]);
    expect(checked.data).toEqual(body);
  };

  it("track, and a batch with and without refused events", async () => {
    const purchase = seedPurchase({ transaction_id: "contract-1" });
    expect(trackRoute.body!.safeParse(purchase).success).toBe(true);
    valid(trackRoute, await (await h.post(TRACK, purchase, h.shop.publishable_key)).json());
    const batch = { events: [seedPurchase({ transaction_id: "contract-2" })] };
    expect(batchRoute.body!.safeParse(batch).success).toBe(true);
    valid(batchRoute, await (await h.post(BATCH, batch, h.shop.publishable_key)).json());
    const refused = await (
      await h.post(
        BATCH,
        { events: [seedPurchase({ transaction_id: "contract-3" }), { event_type: "nope" }] },
        h.shop.secret_key,
      )
    ).json();
    expect((refused as { errors: string[] }).errors).toHaveLength(1);
    valid(batchRoute, refused);
  });
});
