import type { RatesTable } from "../currency/rates.js";

/** The built dashboard as it ships: its page and its content-hashed assets by file name. */
export interface DashboardFiles {
  index: Buffer;
  assets: Map<string, Buffer>;
}

/**
 * What the collector ships besides its code: its version, the SDK's script-tag bundle, the
 * dashboard's built files, the exchange-rates snapshot, and where the projector's worker thread
 * starts. Two sources implement it: the collector's own package folders on disk
 * (`createPackageAssets`) and the single executable it was built into (`createEmbeddedAssets`).
 * The command's entry point picks one and passes it down; nothing below asks which it got.
 *
 * @example
 * const assets = createPackageAssets();
 * assets.sdkBundle()?.length; // 8833
 */
export interface CollectorAssets {
  /** The collector's version, as `--version` prints it. */
  readonly version: string;
  /** The text of the script-tag bundle (`/tally.js`); undefined when it was not built. */
  sdkBundle(): string | undefined;
  /** The Shopify custom pixel's bundle (`GET /sources/:id/shopify-pixel.js`); undefined when it was not built. */
  shopifyPixel(): string | undefined;
  /** The built dashboard; undefined when it was not built. */
  dashboard(): DashboardFiles | undefined;
  /** The exchange rates that ship with the collector (used when `--rates` is not given). */
  ratesSnapshot(): RatesTable;
  /** The module the projector's worker thread runs; undefined for the one beside the code. */
  projectorWorker(): URL | undefined;
}
