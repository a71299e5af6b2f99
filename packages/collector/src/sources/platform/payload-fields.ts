import { isPlainObject } from "../../http/read-body.js";
import { UnmappableError } from "./platform-source.js";

export type Json = Record<string, unknown>;

/** A non-empty string, or a number as its digits; undefined otherwise. */
export const text = (v: unknown): string | undefined =>
  typeof v === "string"
    ? v.trim() === ""
      ? undefined
      : v
    : typeof v === "number" && Number.isFinite(v)
      ? String(v)
      : undefined;

export const object = (v: unknown): Json => (isPlainObject(v) ? v : {});
export const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);

/** An amount the platform sends as a decimal string ("199.65") or a number; undefined when absent, unmappable when not a number. */
export function amount(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new UnmappableError(`${field} is not an amount`);
  return n;
}

/** The digits of an id: a number's, a string's, or the end of a `gid://shopify/<Type>/<digits>`. */
export function idDigits(v: unknown): string | undefined {
  const s = text(v);
  if (s === undefined) return undefined;
  return /^gid:\/\/shopify\/\w+\/(\d+)/.exec(s)?.[1] ?? s;
}

/** `v` without its undefined fields. */
export function prune<T extends Json>(v: T): T {
  for (const key of Object.keys(v)) if (v[key] === undefined) delete v[key];
  return v;
}

/** The `utm_*` parameters of a URL or a path with a query (Shopify's `landing_site`). */
export function utmOf(url: string | undefined): Json | undefined {
  if (!url) return undefined;
  let params: URLSearchParams;
  try {
    params = new URL(url, "http://landing.invalid").searchParams;
  } catch {
    // Not a URL: no campaign can be read from it.
    return undefined;
  }
  const utm = prune({
    utm_source: params.get("utm_source") || undefined,
    utm_medium: params.get("utm_medium") || undefined,
    utm_campaign: params.get("utm_campaign") || undefined,
    utm_term: params.get("utm_term") || undefined,
    utm_content: params.get("utm_content") || undefined,
  });
  return Object.keys(utm).length ? utm : undefined;
}
