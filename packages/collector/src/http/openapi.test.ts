import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { requirementOf } from "../auth/route-requirement.js";
import { harness } from "../test-support/harness.js";

const SECURITY = {
  secret: [{ secretKey: [] }],
  ingest: [{ anyKey: [] }, { publishableKeyInQuery: [] }],
  "write-key": [{ writeKey: [] }],
  none: [],
};

// The harness is asynchronous; the routes it registers are what every case below walks.
const h = await harness();

describe("/openapi.json and docs/api.md", () => {
  const routes = new Map<string, keyof typeof SECURITY>();
  for (const r of h.app.routes) {
    const requirement = requirementOf(r.handler);
    if (r.method !== "ALL" && requirement)
      routes.set(`${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`, requirement);
  }

  it("describe every registered route, and no other, with the key the route declares", async () => {
    const doc = (await (await h.app.request("/openapi.json")).json()) as any;
    const operations = Object.entries(
      doc.paths as Record<string, Record<string, { security: unknown; responses: object }>>,
    ).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [`${method} ${path}`, op] as const));
    expect(operations.map(([key]) => key).sort()).toEqual([...routes.keys()].sort());
    for (const [key, op] of operations) {
      expect(op.security, key).toEqual(SECURITY[routes.get(key)!]);
      expect(Object.keys(op.responses), key).toContain("200");
    }
    for (const scheme of new Set(Object.values(SECURITY).flat().flatMap(Object.keys)))
      expect(doc.components.securitySchemes).toHaveProperty(scheme);
  });

  it("list the parameters each query reads", async () => {
    const doc = (await (await h.app.request("/openapi.json")).json()) as any;
    const names = (path: string) =>
      doc.paths[`/v1/api/analytics/ecommerce/${path}`].get.parameters.map((p: { name: string }) => p.name);
    expect(names("overview")).toEqual(["days", "start", "end", "exclude_flagged"]);
    expect(names("top-products")).toEqual(["days", "start", "end", "limit", "exclude_flagged"]);
    expect(names("attribution")).toEqual(["days", "start", "end", "model", "window", "exclude_flagged"]);
    expect(names("cohorts")).toEqual(["months", "exclude_flagged"]);
    expect(names("user-journey")).toEqual(["user_id", "days", "start", "end", "exclude_flagged"]);
    expect(names("flagged")).toEqual(["days", "start", "end", "exclude_flagged"]);
  });

  it("docs/api.md names every route", () => {
    const doc = readFileSync(fileURLToPath(new URL("../../../../docs/api.md", import.meta.url)), "utf8");
    for (const key of routes.keys()) {
      const [method, path] = key.split(" ");
      expect(doc, key).toContain(`${method!.toUpperCase()} ${path!.replace(/\{(\w+)\}/g, ":$1")}`);
    }
  });
});
