import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { harness } from "../test-support/harness.js";
import { HTML_CSP, securityHeaders } from "./security-headers.js";

describe("security headers", () => {
  it("are on every answer of every route: success, error and not found", async () => {
    const h = await harness();
    const paths = [
      ...new Set(
        h.app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path.replace(":userId", "u")}`),
      ),
    ];
    expect(paths.length).toBeGreaterThan(15);
    for (const route of [...paths, "GET /nowhere"]) {
      const [method, path] = route.split(" ") as [string, string];
      for (const key of [undefined, h.shop.secret_key]) {
        const res = await h.app.request(path, {
          method,
          headers: key ? { authorization: `Bearer ${key}` } : {},
          body: method === "POST" ? "{}" : undefined,
        });
        expect(res.headers.get("x-content-type-options"), route).toBe("nosniff");
        expect(res.headers.get("referrer-policy"), route).toBe("no-referrer");
        // Every HTML answer (the dashboard's page) carries a policy; nothing else needs one.
        const html = res.headers.get("content-type")?.startsWith("text/html");
        if (html) expect(res.headers.get("content-security-policy"), route).toContain("script-src 'self'");
        else expect(res.headers.get("content-security-policy"), route).toBeNull();
      }
    }
  });

  it("put a Content-Security-Policy on HTML answers", async () => {
    const app = new Hono();
    app.use(securityHeaders());
    app.get("/page", (c) => c.html("<h1>Hi</h1>"));
    app.get("/data", (c) => c.json({}));
    const page = await app.request("/page");
    expect(page.headers.get("content-security-policy")).toBe(HTML_CSP);
    expect(HTML_CSP).toContain("frame-ancestors 'none'");
    expect((await app.request("/data")).headers.get("content-security-policy")).toBeNull();
  });
});
