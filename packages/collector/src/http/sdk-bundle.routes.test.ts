import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { mountFirstPartyPaths, firstPartyProblem } from "./first-party-paths.js";
import { notFound, onError } from "./on-error.js";
import { pickEncoding } from "./sdk-bundle.js";
import { sdkBundleRoutes, sdkBundleVersion } from "./sdk-bundle.routes.js";

const SCRIPT = `(()=>{fetch(origin+"/v1/api/analytics/ecommerce/batch?key="+k)})();${"/* padding */".repeat(50)}`;

/** A bundle as the collector reads it: from a file, once, when first asked for. */
function bundleFile(text = SCRIPT) {
  const file = join(mkdtempSync(join(tmpdir(), "tally-bundle-")), "tally.js");
  writeFileSync(file, text);
  return () => readFileSync(file, "utf8");
}

function app(file: () => string | undefined = bundleFile(), paths = {}) {
  const a = new Hono();
  a.onError(onError(() => {}));
  a.notFound(notFound);
  a.route("/", sdkBundleRoutes(file, paths));
  return a;
}

const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe("GET /tally.js", () => {
  it("answers brotli, gzip or plain as Accept-Encoding allows, the same script each way", async () => {
    const a = app();
    const br = await a.request("/tally.js", { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(brotliDecompressSync(await bytes(br)).toString()).toBe(SCRIPT);
    const gz = await a.request("/tally.js", { headers: { "accept-encoding": "gzip" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(await bytes(gz)).toString()).toBe(SCRIPT);
    const plain = await a.request("/tally.js");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);
    for (const res of [br, gz, plain]) {
      expect(res.headers.get("vary")).toBe("Accept-Encoding");
      expect(res.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
      expect(res.headers.get("cache-control")).toMatch(/max-age=3600/);
    }
  });

  it("has a strong ETag per representation, and answers 304 to a matching If-None-Match", async () => {
    const a = app();
    const gz = await a.request("/tally.js", { headers: { "accept-encoding": "gzip" } });
    const plain = await a.request("/tally.js");
    const etag = gz.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{12}-gz"$/);
    expect(plain.headers.get("etag")).not.toBe(etag);
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const again = await a.request("/tally.js", { headers: { "accept-encoding": "gzip", "if-none-match": inm } });
      expect(again.status, inm).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("etag")).toBe(etag);
    }
    const changed = await a.request("/tally.js", {
      headers: { "accept-encoding": "gzip", "if-none-match": '"stale-gz"' },
    });
    expect(changed.status).toBe(200);
  });

  it("answers 404 sdk.not_built when the bundle is missing", async () => {
    const res = await app(() => undefined).request("/tally.js");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "The SDK bundle is not built: run `pnpm build`", code: "sdk.not_built" });
  });
});

describe("GET /tally.<hash>.js", () => {
  it("serves the same bytes under the version's name, cacheable for a year", async () => {
    const file = bundleFile();
    const version = sdkBundleVersion(file)!;
    expect(version).toMatch(/^[0-9a-f]{12}$/);
    const res = await app(file).request(`/tally.${version}.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await res.text()).toBe(SCRIPT);
    expect(sdkBundleVersion(bundleFile(`${SCRIPT};`))).not.toBe(version);
  });

  it("answers 404 for another version, naming the current one", async () => {
    const file = bundleFile();
    const res = await app(file).request("/tally.0123456789ab.js");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: `This collector serves /tally.${sdkBundleVersion(file)}.js`,
      code: "sdk.version_not_found",
    });
  });
});

describe("first-party paths", () => {
  it("serves the script under the shop's own path, sending to the collect prefix", async () => {
    const res = await app(bundleFile(), { scriptPath: "/js/site.js", collectPrefix: "/api/s" }).request("/js/site.js");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('origin+"/api/s/batch?key="');
    expect(text).not.toContain("/v1/api/analytics");
  });

  it("hands every request under the collect prefix to the ingest route it stands for, body and headers intact", async () => {
    const a = new Hono();
    const seen: unknown[] = [];
    for (const path of [
      "/v1/api/analytics/ecommerce/batch",
      "/v1/api/analytics/ecommerce/track",
      "/serve/collect/conversion",
    ]) {
      a.post(path, async (c) => {
        seen.push([c.req.path, c.req.query("key"), c.req.header("content-type"), await c.req.text()]);
        return c.json({ ok: true });
      });
    }
    mountFirstPartyPaths(a, { collectPrefix: "/api/s" });
    for (const route of ["batch", "track", "conversion"]) {
      const res = await a.request(`/api/s/${route}?key=pk_1`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: `{"r":"${route}"}`,
      });
      expect(await res.json()).toEqual({ ok: true });
    }
    expect(seen).toEqual([
      ["/v1/api/analytics/ecommerce/batch", "pk_1", "text/plain", '{"r":"batch"}'],
      ["/v1/api/analytics/ecommerce/track", "pk_1", "text/plain", '{"r":"track"}'],
      ["/serve/collect/conversion", "pk_1", "text/plain", '{"r":"conversion"}'],
    ]);
    expect((await a.request("/api/s/other", { method: "POST" })).status).toBe(404);
  });

  it("refuses paths that are not paths, or are the collector's own", () => {
    expect(firstPartyProblem({ scriptPath: "/js/site.js", collectPrefix: "/api/s" })).toBeUndefined();
    expect(firstPartyProblem({ scriptPath: "js/site.js" })).toBe(
      "--script-path must be a path such as /js/site.js or /api/s",
    );
    expect(firstPartyProblem({ collectPrefix: "/api/s/" })).toBe(
      "--collect-prefix must be a path such as /js/site.js or /api/s",
    );
    expect(firstPartyProblem({ collectPrefix: "/a/../b" })).toBe(
      "--collect-prefix must be a path such as /js/site.js or /api/s",
    );
    expect(firstPartyProblem({ collectPrefix: "/v1/api" })).toBe(
      "--collect-prefix must not be one of the collector's own paths",
    );
    expect(firstPartyProblem({ scriptPath: "/tally.js" })).toBe(
      "--script-path must not be one of the collector's own paths",
    );
  });
});

describe("pickEncoding", () => {
  it.each([
    [undefined, "identity"],
    ["", "identity"],
    ["gzip, deflate, br", "br"],
    ["gzip;q=1.0, br;q=0", "gzip"],
    ["br;q=0, gzip;q=0", "identity"],
    ["*", "br"],
    ["*;q=0, gzip", "gzip"],
    ["identity", "identity"],
  ] as const)("%j → %s", (header, expected) => expect(pickEncoding(header)).toBe(expected));
});
