import { describe, expect, it, beforeAll } from "vitest";
import { BATCH, harness, seedPurchase, TRACK, type Harness } from "../test-support/harness.js";
import { scenario } from "../test-support/scenario.js";
import { batchRoute, trackRoute } from "../ingest/ingest.contract.js";
import { QUERY_ROUTES } from "../queries/query-routes.js";
import type { RouteContract } from "./contract.js";
import { jsonSchemaOf, pathsOf } from "./openapi-operation.js";
import { errorAnswer } from "@tally/schema";
import type { z } from "zod";
import type { CollectorAssets } from "../assets/collector-assets.js";
import { createPackageAssets } from "../assets/package-assets.js";
import { conversionRoute } from "../hello-retail/conversion.contract.js";
import {
  firstPartyScriptRoute,
  healthRoute,
  openApiRoute,
  projectionRoute,
  scriptRoute,
  versionedScriptRoute,
} from "./service.contract.js";
import { sdkBundleVersion } from "./sdk-bundle.routes.js";
import {
  appspaceRoute,
  dashboardAssetRoute,
  dashboardPageRoute,
  dashboardSlashRoute,
  rootRoute,
} from "../dashboard/dashboard.contract.js";
import { ROUTES } from "./openapi.js";
import { deliveryRoute, shopifyPixelRoute } from "../sources/sources.contract.js";
import { base64Hmac } from "../sources/platform/deliver.test-support.js";
import { SEGMENT_BATCH_ROUTES, SEGMENT_MESSAGE_ROUTES } from "../sources/segment/segment.contract.js";
import {
  SEGMENT_BROWSER_MESSAGE_ROUTES,
  segmentBrowserBatchRoute,
  segmentMetricsRoute,
} from "../sources/segment-browser/segment-browser.contract.js";

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

/**
 * A real answer checked against the route's contract: a 200 is its `answer` in one of its media
 * types (a JSON answer with nothing undeclared), any other status one its contract lists, with
 * the body declared for it (`Error` by default, or none).
 */
async function expectDeclared(route: RouteContract, res: Response, status: number) {
  expect(res.status, `${route.method} ${route.path}`).toBe(status);
  const text = await res.text();
  const type = res.headers.get("content-type")?.split(";")[0];
  let schema: z.ZodType | undefined;
  let types: string[] | null;
  if (status === 200) {
    schema = route.answer;
    types = route.answerTypes === undefined ? ["application/json"] : route.answerTypes;
  } else {
    const other = route.errors[String(status)];
    expect(other, `${status} is declared for ${route.path}`).toBeDefined();
    schema = typeof other === "string" ? errorAnswer : other!.answer;
    types = schema ? ["application/json"] : null;
  }
  if (types === null || !schema) {
    expect(text).toBe("");
    return undefined;
  }
  expect(types).toContain(type);
  const body: unknown = type === "application/json" ? JSON.parse(text) : text;
  const checked = schema.safeParse(body);
  expect(checked.error?.issues ?? [], text.slice(0, 500)).toEqual([]);
  expect(checked.data).toEqual(body);
  return body;
}

const SCRIPT = `(()=>{fetch(origin+"/v1/api/analytics/ecommerce/batch?key="+k)})();`;

/** The package's own assets, with a bundle, a pixel and a dashboard as a build leaves them. */
const ASSETS: CollectorAssets = {
  ...createPackageAssets(),
  sdkBundle: () => SCRIPT,
  shopifyPixel: () => "analytics.subscribe('checkout_completed', () => {});",
  dashboard: () => ({
    index: Buffer.from('<!doctype html><script defer src="/dashboard/assets/app-ABC.js"></script>'),
    assets: new Map([["app-ABC.js", Buffer.from("console.log('dashboard');")]]),
  }),
};

describe("every other route's answers, success and refusal, are what its contract declares", () => {
  let s: Harness;
  beforeAll(async () => {
    s = await harness({ assets: ASSETS, firstParty: { scriptPath: "/js/site.js", collectPrefix: "/api/s" } });
  });
  const get = (path: string, headers: Record<string, string> = {}) => s.app.request(path, { headers });

  it("Hello Retail's conversion", async () => {
    const conversion = {
      websiteUuid: s.shop.website_id,
      total: 12.5,
      orderNumber: "hr-1",
      customerId: "c-1",
      productNumbers: ["p-1"],
    };
    expect(conversionRoute.body!.safeParse(conversion).success).toBe(true);
    await expectDeclared(conversionRoute, await s.post(conversionRoute.path, conversion), 200);
    await expectDeclared(conversionRoute, await s.post(conversionRoute.path, { ...conversion, websiteUuid: "x" }), 400);
    await expectDeclared(conversionRoute, await s.post(conversionRoute.path, { ...conversion, total: "x" }), 400);
  });

  it("the service routes: /healthz, /healthz/projection, /openapi.json", async () => {
    await expectDeclared(healthRoute, await get("/healthz"), 200);
    await expectDeclared(projectionRoute, await get("/healthz/projection"), 200);
    await expectDeclared(openApiRoute, await get("/openapi.json"), 200);
  });

  it("the script: /tally.js, /tally.<hash>.js and the shop's own path", async () => {
    const tallyJs = await expectDeclared(scriptRoute, await get("/tally.js"), 200);
    expect(tallyJs).toBe(SCRIPT);
    const etag = (await get("/tally.js")).headers.get("etag")!;
    await expectDeclared(scriptRoute, await get("/tally.js", { "if-none-match": etag }), 304);
    const version = sdkBundleVersion(() => SCRIPT);
    await expectDeclared(versionedScriptRoute, await get(`/tally.${version}.js`), 200);
    await expectDeclared(versionedScriptRoute, await get("/tally.0123abc.js"), 404);
    const own = firstPartyScriptRoute("/js/site.js");
    await expectDeclared(own, await get("/js/site.js"), 200);
    const doc = (await (await get("/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(doc.paths["/js/site.js"]).toEqual(pathsOf([own])["/js/site.js"]);
  });

  it("the Segment-compatible routes, server and browser", async () => {
    const basic = { authorization: `Basic ${Buffer.from(`${s.shop.secret_key}:`).toString("base64")}` };
    const send = (path: string, body: unknown, headers: Record<string, string> = basic, type = "application/json") =>
      s.app.request(path, {
        method: "POST",
        headers: { "content-type": type, ...headers },
        body: JSON.stringify(body),
      });
    const order = (id: string) => ({
      type: "track",
      event: "Order Completed",
      userId: "seg-user",
      messageId: `seg-${id}`,
      properties: {
        order_id: id,
        total: 20,
        currency: "USD",
        products: [{ product_id: "p-1", price: 20, quantity: 1 }],
      },
    });
    const [batch, imported] = SEGMENT_BATCH_ROUTES;
    const refusedOne = await expectDeclared(batch!, await send(batch!.path, { batch: [order("s-1"), 7] }), 200);
    expect((refusedOne as { errors: string[] }).errors).toHaveLength(1);
    await expectDeclared(imported!, await send(imported!.path, { batch: [order("s-2")] }), 200);
    await expectDeclared(batch!, await send(batch!.path, { messages: [] }), 400);
    await expectDeclared(batch!, await send(batch!.path, { batch: [] }, {}), 401);
    for (const { type, route } of SEGMENT_MESSAGE_ROUTES) {
      const { type: _, ...message } =
        type === "track" ? order(`s-${type}`) : { type, userId: "seg-user", anonymousId: "a-1" };
      await expectDeclared(route, await send(route.path, message), 200);
    }
    const track = SEGMENT_MESSAGE_ROUTES.find((m) => m.type === "track")!.route;
    await expectDeclared(track, await send(track.path, { event: "Order Completed", properties: { total: "x" } }), 400);
    // The browser library: text/plain, the publishable key as Basic auth.
    const browser = { authorization: `Basic ${Buffer.from(`${s.shop.publishable_key}:`).toString("base64")}` };
    for (const { type, route } of SEGMENT_BROWSER_MESSAGE_ROUTES) {
      const message = type === "track" ? order(`b-${type}`) : { userId: "seg-user", anonymousId: "a-2" };
      await expectDeclared(route, await send(route.path, message, browser, "text/plain"), 200);
      await expectDeclared(route, await send(route.path, message, {}, "text/plain"), 401);
    }
    const b = segmentBrowserBatchRoute;
    await expectDeclared(b, await send(b.path, { batch: [order("b-batch")] }, browser, "text/plain"), 200);
    await expectDeclared(b, await send(b.path, { batch: "x" }, browser, "text/plain"), 400);
    await expectDeclared(segmentMetricsRoute, await send(segmentMetricsRoute.path, { series: [] }, {}), 200);
  });

  it("the platform sources' webhook and a Shopify source's pixel", async () => {
    for (const kind of ["woocommerce", "shopify"] as const)
      await s.store.addSource({
        id: `src_contract_${kind}`,
        appspace_id: s.shop.id,
        kind,
        secret: "signing-secret",
        pixel_key: kind === "shopify" ? s.shop.publishable_key : null,
        created_at: s.clock.now,
      });
    const deliver = (id: string, body: string, headers: Record<string, string>) =>
      s.app.request(`/sources/${id}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
      });
    const ping = "webhook_id=1";
    const signed = {
      "x-wc-webhook-topic": "order.created",
      "x-wc-webhook-signature": base64Hmac("signing-secret", ping),
    };
    await expectDeclared(deliveryRoute, await deliver("src_contract_woocommerce", ping, signed), 200);
    const wrong = { ...signed, "x-wc-webhook-signature": base64Hmac("another", ping) };
    await expectDeclared(deliveryRoute, await deliver("src_contract_woocommerce", ping, wrong), 401);
    await expectDeclared(deliveryRoute, await deliver("src_nope", ping, signed), 404);
    await expectDeclared(shopifyPixelRoute, await get("/sources/src_contract_shopify/shopify-pixel.js"), 200);
    await expectDeclared(shopifyPixelRoute, await get("/sources/src_nope/shopify-pixel.js"), 404);
  });

  it("the dashboard's page, assets, redirects and appspace route", async () => {
    await expectDeclared(rootRoute, await get("/?days=7"), 302);
    await expectDeclared(dashboardSlashRoute, await get("/dashboard/"), 301);
    await expectDeclared(dashboardPageRoute, await get("/dashboard"), 200);
    await expectDeclared(dashboardAssetRoute, await get("/dashboard/assets/app-ABC.js"), 200);
    await expectDeclared(dashboardAssetRoute, await get("/dashboard/assets/app-XYZ.js"), 404);
    const secret = { authorization: `Bearer ${s.shop.secret_key}` };
    await expectDeclared(appspaceRoute, await get(appspaceRoute.path, secret), 200);
    await expectDeclared(appspaceRoute, await get(appspaceRoute.path), 401);
    const publishable = { authorization: `Bearer ${s.shop.publishable_key}` };
    await expectDeclared(appspaceRoute, await get(appspaceRoute.path, publishable), 403);
  });

  it("/openapi.json is generated from every contract, and only from them", async () => {
    const doc = (await (await get("/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths).toEqual(pathsOf([...ROUTES, firstPartyScriptRoute("/js/site.js")]));
  });
});
