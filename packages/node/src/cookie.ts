import type { EventContext } from "@tally/schema";

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

/** The session's campaign, as the SDK appends it to the cookie. */
export type CookieCampaign = Pick<
  EventContext,
  "utm_source" | "utm_medium" | "utm_campaign" | "utm_term" | "utm_content"
>;

const TALLY_COOKIE = /(?:^|;)\s*_tally=([^;]*)/;
const ID = /^[^\s.;,=]{1,200}$/;
const UTM = /^utm_(source|medium|campaign|term|content)$/;

/**
 * Reads the browser SDK's first-party cookie: `_tally` =
 * `encodeURIComponent("<anonymous_id>.<session_id>")`, possibly followed by `.<campaign>`,
 * which is left out. Takes a request's whole `Cookie` header or the bare `_tally` value;
 * answers `null` when there is no such cookie or it is malformed.
 *
 * @example
 * sessionFromCookie(req.headers.cookie);
 * // { anonymous_id: "0f8c…", session_id: "9d3a…" }
 * sessionFromCookie("0f8c5a12.9d3a77b0"); // { anonymous_id: "0f8c5a12", session_id: "9d3a77b0" }
 * sessionFromCookie("theme=dark"); // null
 */
export function sessionFromCookie(header: string | null | undefined): CookieSession | null {
  const visit = visitFromCookie(header);
  return visit && { anonymous_id: visit.anonymous_id, session_id: visit.session_id };
}

/**
 * `sessionFromCookie` plus the session's campaign, when the SDK appended it (`.<utm query>`):
 * the campaign a server event needs when the browser sent nothing in that session.
 *
 * @example
 * visitFromCookie("_tally=0f8c5a12.9d3a77b0.utm_source%3Dnewsletter");
 * // { anonymous_id: "0f8c5a12", session_id: "9d3a77b0", campaign: { utm_source: "newsletter" } }
 */
export function visitFromCookie(
  header: string | null | undefined,
): (CookieSession & { campaign?: CookieCampaign }) | null {
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
  // Two ids without dots, then a query string that may hold dots of its own (utm_source=t.co).
  const m = /^([^.]*)\.([^.]*)(?:\.(.*))?$/s.exec(decoded);
  if (!m || !ID.test(m[1]!) || !ID.test(m[2]!)) return null;
  const campaign: CookieCampaign = {};
  for (const [k, v] of new URLSearchParams(m[3] ?? ""))
    if (v && UTM.test(k)) campaign[k as keyof CookieCampaign] = v.slice(0, 500);
  return { anonymous_id: m[1]!, session_id: m[2]!, ...(Object.keys(campaign).length > 0 && { campaign }) };
}
