import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Hono } from "hono";
import { noKeyRequired } from "../auth/route-requirement.js";
import { TallyError } from "../errors.js";

/** Where the script-tag bundle of `@tally/sdk` is, or undefined when it is not built. */
export function sdkBundlePath(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve("@tally/sdk/tally.js");
  } catch {
    return undefined;
  }
}

/**
 * `GET /tally.js`: the SDK bundle, cacheable for an hour (and usable stale for a day) so a
 * thank-you page still loads it from the browser cache while the collector is briefly away.
 */
export function sdkBundleRoutes(file = sdkBundlePath()) {
  let bundle: { body: string; etag: string } | undefined;
  const app = new Hono();
  app.get("/tally.js", noKeyRequired, (c) => {
    if (!bundle) {
      let body: string;
      try {
        body = readFileSync(file ?? "", "utf8");
      } catch {
        throw new TallyError(404, "sdk.not_built", "The SDK bundle is not built: run `pnpm build`");
      }
      bundle = { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"` };
    }
    c.header("Cache-Control", "public, max-age=3600, stale-while-revalidate=86400, stale-if-error=604800");
    c.header("ETag", bundle.etag);
    c.header("Access-Control-Allow-Origin", "*");
    if (c.req.header("if-none-match") === bundle.etag) return c.body(null, 304);
    c.header("Content-Type", "application/javascript; charset=utf-8");
    return c.body(bundle.body);
  });
  return app;
}
