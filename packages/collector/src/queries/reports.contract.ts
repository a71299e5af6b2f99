// coverage (what the browser missed) and flagged (what fraud rules flagged).
import { coverageAnswer, flaggedAnswer } from "@tally/schema";
import { RANGE_PARAMS } from "./params.js";
import { queryRoute } from "./query-contract.js";

export const coverageRoute = queryRoute("coverage", {
  summary: "What the browser missed",
  description:
    "The range's orders by who reported them: both the browser and the server, the browser only, the server only (imports count as server). browser_missed_pct = server_only / all orders × 100 by count; server_orders = both + server_only (the report means something only where the shop sends its orders from the server too). server_by_source splits the orders the server saw (both + server_only) by where they came from: secret_key, shopify, woocommerce, stripe, import; browser_by_door splits those the browser saw (both + client_only) by door: script_tag (the script tag or the npm SDK), pixel (the Shopify custom pixel), segment_browser (Segment's browser library).",
  query: RANGE_PARAMS,
  answer: coverageAnswer,
});

export const flaggedRoute = queryRoute("flagged", {
  summary: "Flagged events",
  description:
    "The events a fraud rule flagged (stored, and counted by every other endpoint unless exclude_flagged=true), oldest first, with the rules that fired: bot, impossible_revenue, velocity, currency_restricted. revenue is in the base currency; original_revenue and original_currency are added when the event was sent in another. With exclude_flagged=true the list is empty.",
  query: RANGE_PARAMS,
  answer: flaggedAnswer,
});

export const REPORT_ROUTES = [coverageRoute, flaggedRoute];
