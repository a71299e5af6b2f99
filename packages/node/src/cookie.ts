/**
 * The browser visit a `_tally` cookie names.
 *
 * @example
 * const visit: CookieSession | null = sessionFromCookie(req.headers.cookie);
 */
export interface CookieSession {
  anonymous_id: string;
  session_id: string;
}

const TALLY_COOKIE = /(?:^|;)\s*_tally=([^;]*)/;
const ID = /^[^\s.;,=]{1,200}$/;

/**
 * Reads the browser SDK's first-party cookie: `_tally` =
 * `encodeURIComponent("<anonymous_id>.<session_id>")`, possibly followed by `.<campaign>`,
 * which is left out. Takes a request's whole `Cookie` header or the bare `_tally` value;
 * answers `null` when there is no such cookie or it is malformed.
 *
 * @example
 * sessionFromCookie(req.headers.cookie);
 * // { anonymous_id: "0f8c…", session_id: "9d3a…" }
 * sessionFromCookie("0f8c5a12%2E9d3a77b0"); // { anonymous_id: "0f8c5a12", session_id: "9d3a77b0" }
 * sessionFromCookie("theme=dark"); // null
 */
export function sessionFromCookie(header: string | null | undefined): CookieSession | null {
  if (typeof header !== "string") return null;
  const value = TALLY_COOKIE.exec(header)?.[1] ?? (header.includes(";") ? undefined : header.trim());
  if (!value) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // A malformed %-escape: not a cookie the SDK wrote.
    return null;
  }
  const [anonymous, session] = decoded.split(".");
  if (!anonymous || !session || !ID.test(anonymous) || !ID.test(session)) return null;
  return { anonymous_id: anonymous, session_id: session };
}
