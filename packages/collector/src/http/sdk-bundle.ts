import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** How the bundle travels: the content codings a browser may ask for, best first. */
export type Encoding = "br" | "gzip" | "identity";

/** The SDK bundle, ready in each encoding, with its version (a hash of its bytes). */
export interface Bundle {
  version: string;
  encodings: Record<Encoding, { body: Uint8Array; etag: string }>;
}

/** The ingest path the bundle sends to; a first-party copy sends to its collect prefix instead. */
const INGEST_PATH = "/v1/api/analytics/ecommerce/batch";

/**
 * Compresses the bundle's text once (brotli at its best quality, gzip at 9: it is small and
 * read once per process). With `collectPrefix`, the copy sends to `<prefix>/batch` on the
 * origin it was loaded from. Undefined when there is no text (not built).
 *
 * @example
 * loadBundle(assets.sdkBundle())?.encodings.br.etag; // '"3f9a0c1d2e-br"'
 */
export function loadBundle(source: string | undefined, collectPrefix = ""): Bundle | undefined {
  if (source === undefined) return undefined;
  let text = source;
  if (collectPrefix) text = text.split(INGEST_PATH).join(`${collectPrefix}/batch`);
  const raw = Buffer.from(text);
  const version = createHash("sha256").update(raw).digest("hex").slice(0, 12);
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  // A strong ETag names one representation: each encoding has its own (RFC 9110 8.8.3).
  return {
    version,
    encodings: {
      br: { body: br, etag: `"${version}-br"` },
      gzip: { body: gzipSync(raw, { level: 9 }), etag: `"${version}-gz"` },
      identity: { body: raw, etag: `"${version}"` },
    },
  };
}

/**
 * The encoding to answer with for an `Accept-Encoding` header: brotli, then gzip, when the
 * header allows them (a `q=0` refuses one; `*` allows any), else none.
 *
 * @example
 * pickEncoding("gzip, deflate, br"); // "br"
 * pickEncoding("gzip;q=1, br;q=0"); // "gzip"
 */
export function pickEncoding(header: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (header ?? "").toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim().match(/^q=([\d.]+)$/)?.[1]).find(Boolean);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const allows = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  return allows("br") ? "br" : allows("gzip") ? "gzip" : "identity";
}
