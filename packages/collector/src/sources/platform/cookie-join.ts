import { sessionFromCookie } from "@tally/node";

/**
 * The browser visit named by a `_tally` cookie value a shop copied into the order (WooCommerce
 * order meta, Stripe metadata): the same contract as `@tally/node`'s cookie join, so the
 * platform's order joins the visit and merges with the browser's copy.
 */
export function visitOf(cookie: unknown): { anonymous_id?: string; session_id?: string } {
  const visit = typeof cookie === "string" ? sessionFromCookie(cookie) : null;
  return visit ? { anonymous_id: visit.anonymous_id, session_id: visit.session_id } : {};
}
