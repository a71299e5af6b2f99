import { getAsset } from "node:sea";
import { parseRates } from "../currency/rates.js";
import type { CollectorAssets } from "./collector-assets.js";

/** The names of the assets `build-binary.mjs` puts into the executable. */
export const EMBEDDED = {
  manifest: "manifest.json",
  sdkBundle: "web/tally.js",
  shopifyPixel: "web/shopify-pixel.js",
  dashboard: "web/dashboard/",
  rates: "rates/latest.json",
  projectorWorker: "projector-worker.mjs",
  nativeAddon: "better_sqlite3.node",
} as const;

/** What the build records about the executable's assets (the runtime cannot list them). */
export interface EmbeddedManifest {
  version: string;
  /** The dashboard's content-hashed asset names, under `web/dashboard/assets/`. */
  dashboardAssets: string[];
}

/**
 * The assets inside the single executable the collector was built into (`pnpm build:binary`),
 * read with `node:sea`: nothing on disk is looked at. The projector's worker runs the module
 * the build bundled for it, from a `data:` URL.
 *
 * @example
 * runCli(process.argv.slice(2), createEmbeddedAssets());
 */
export function createEmbeddedAssets(): CollectorAssets {
  const manifest = JSON.parse(getAsset(EMBEDDED.manifest, "utf8")) as EmbeddedManifest;
  const bytes = (key: string) => Buffer.from(getAsset(key));
  let worker: URL | undefined;
  return {
    version: manifest.version,
    sdkBundle: () => getAsset(EMBEDDED.sdkBundle, "utf8"),
    shopifyPixel: () => getAsset(EMBEDDED.shopifyPixel, "utf8"),
    dashboard: () => ({
      index: bytes(`${EMBEDDED.dashboard}index.html`),
      assets: new Map(
        manifest.dashboardAssets.map((name) => [name, bytes(`${EMBEDDED.dashboard}assets/${name}`)] as const),
      ),
    }),
    ratesSnapshot: () => parseRates(getAsset(EMBEDDED.rates, "utf8"), "the shipped rates snapshot"),
    projectorWorker: () =>
      (worker ??= new URL(`data:text/javascript;base64,${bytes(EMBEDDED.projectorWorker).toString("base64")}`)),
  };
}
