import type { Visit } from "./identity.js";

/**
 * Writes the first-party cookie the shop's server reads to join its purchase to this browser:
 * `_tally=` URL-encoded `<anonymous_id>.<session_id>`, then `.<campaign>` (the session's UTM
 * parameters as a query string) when the session has one and the cookie stays short. A year
 * long, for the whole site, `SameSite=Lax`, and `Secure` on an https page (never sent in clear
 * text from there). Without a visit, removes it.
 *
 * @example
 * writeCookie(visit); // _tally=0f8c…%2E9d3a…%2Eutm_source%3Dnewsletter
 */
export function writeCookie(v?: Visit): void {
  let value = v ? encodeURIComponent(v.a + "." + v.s + (v.c ? "." + new URLSearchParams(v.c) : "")) : "";
  if (value.length > 400) value = encodeURIComponent(v!.a + "." + v!.s);
  try {
    document.cookie = `_tally=${value};max-age=${v ? 31536000 : 0};path=/;samesite=lax${location.protocol == "https:" ? ";secure" : ""}`;
  } catch {
    // A sandboxed frame: no cookie; the ids live in localStorage or memory.
  }
}

/**
 * The anonymous id and session id in the cookie, when there is one.
 *
 * @example
 * readCookie(); // { a: "0f8c…", s: "9d3a…" }
 */
export function readCookie(): Visit | undefined {
  try {
    const [a, s] = decodeURIComponent(document.cookie.match(/(^|; )_tally=([^;]+)/)![2]!).split(".");
    return { a: a!, s: s! };
  } catch {
    // No cookie, or not ours: no visit.
  }
}
