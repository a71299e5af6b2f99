import { Hono, type Context } from "hono";
import { createPackageAssets } from "../assets/package-assets.js";
import { noKeyRequired } from "../auth/route-requirement.js";
import { TallyError } from "../errors.js";
import { loadBundle, pickEncoding, type Bundle } from "./sdk-bundle.js";
import { paramsOf, routePath } from "./contract.js";
import { firstPartyScriptRoute, scriptRoute, versionedScriptRoute } from "./service.contract.js";

/** The script-tag bundle's text, read when first asked for; undefined when it was not built. */
export type BundleSource = () => string | undefined;

/** The bundle the collector's package carries (`CollectorAssets.sdkBundle`). */
const packagedBundle: BundleSource = () => createPackageAssets().sdkBundle();

/** Paths a shop puts on its own domain, so that blockers matching well-known names leave them alone. */
export interface FirstPartyPaths {
  /** Where the script is served as well, e.g. `/js/site.js`. */
  scriptPath?: string;
  /** Where every ingest route is served as well, e.g. `/api/s` (`/api/s/batch`, `/api/s/track`, `/api/s/conversion`). */
  collectPrefix?: string;
}

const STABLE = "public, max-age=3600, stale-while-revalidate=86400, stale-if-error=604800";
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * The SDK bundle: `GET /tally.js`, cacheable for an hour (and usable stale for a day) so a
 * thank-you page still loads it from the browser cache while the collector is briefly away;
 * `GET /tally.<hash>.js`, the same bytes under a name that changes with them, cacheable for a
 * year; and, with `scriptPath`, the same under the shop's own name, sending to `collectPrefix`.
 * Each is compressed with brotli or gzip as `Accept-Encoding` allows, with a strong `ETag`
 * per representation and `304` for a matching `If-None-Match`.
 *
 * @example
 * app.route("/", sdkBundleRoutes(assets.sdkBundle, { scriptPath: "/js/site.js", collectPrefix: "/api/s" }));
 */
export function sdkBundleRoutes(source: BundleSource = packagedBundle, paths: FirstPartyPaths = {}) {
  const bundles = new Map<string, Bundle>();
  /** The bundle as built, or with its ingest path moved under `collectPrefix`; read once. */
  const bundle = (prefix = "") => {
    let found = bundles.get(prefix);
    if (!found) {
      found = loadBundle(source(), prefix);
      if (!found) throw new TallyError(404, "sdk.not_built", "The SDK bundle is not built: run `pnpm build`");
      bundles.set(prefix, found);
    }
    return found;
  };

  const app = new Hono();
  app.get(routePath(scriptRoute), noKeyRequired, (c) => send(c, bundle(), STABLE));
  app.get(routePath(versionedScriptRoute), noKeyRequired, (c) => {
    const { file } = paramsOf(versionedScriptRoute, (name) => c.req.param(name));
    const current = bundle();
    if (file !== `tally.${current.version}.js`) {
      throw new TallyError(404, "sdk.version_not_found", `This collector serves /tally.${current.version}.js`);
    }
    return send(c, current, IMMUTABLE);
  });
  if (paths.scriptPath)
    app.get(routePath(firstPartyScriptRoute(paths.scriptPath)), noKeyRequired, (c) =>
      send(c, bundle(paths.collectPrefix), STABLE),
    );
  return app;
}

/** The hash in the versioned name, `/tally.<version>.js`; undefined when the bundle is not built. */
export function sdkBundleVersion(source: BundleSource = packagedBundle): string | undefined {
  return loadBundle(source())?.version;
}

function send(c: Context, bundle: Bundle, cacheControl: string) {
  const encoding = pickEncoding(c.req.header("accept-encoding"));
  const { body, etag } = bundle.encodings[encoding];
  c.header("Cache-Control", cacheControl);
  c.header("ETag", etag);
  c.header("Vary", "Accept-Encoding");
  c.header("Access-Control-Allow-Origin", "*");
  if (matches(c.req.header("if-none-match"), etag)) return c.body(null, 304);
  c.header("Content-Type", "application/javascript; charset=utf-8");
  if (encoding !== "identity") c.header("Content-Encoding", encoding);
  return c.body(body as Uint8Array<ArrayBuffer>);
}

/** `If-None-Match` compares weakly (RFC 9110 13.1.2): `W/"x"` matches `"x"`; `*` matches any. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}
