// funnel, cart-abandonment, revenue-by-channel, attribution, cohorts: what each reads and answers.
import { attributionAnswer, cartAbandonmentAnswer, channelsAnswer, cohortsAnswer, funnelAnswer } from "@tally/schema";
import { MODELS, WINDOWS } from "../rules/attribution.js";
import { choiceParam, intParam, numberChoiceParam, RANGE_PARAMS } from "./params.js";
import { queryRoute } from "./query-contract.js";

export const funnelRoute = queryRoute("funnel", {
  summary: "Purchase funnel",
  description:
    "Steps view_item → add_to_cart → view_cart → begin_checkout → add_payment_info → purchase; count = visitors who did the step at or after every earlier step inside the range; percentage = count / previous count × 100 (first 100).",
  query: RANGE_PARAMS,
  answer: funnelAnswer,
});

export const cartAbandonmentRoute = queryRoute("cart-abandonment", {
  summary: "Cart abandonment",
  description:
    "A cart (cart_id, else the session) is open with an add_to_cart in the range; completed with a purchase, else abandoned. abandoned_revenue = Σ price × quantity added minus removed over abandoned carts.",
  query: RANGE_PARAMS,
  answer: cartAbandonmentAnswer,
});

export const channelsRoute = queryRoute("revenue-by-channel", {
  summary: "Revenue by channel",
  description:
    "A purchase's channel is its own campaign/source/medium properties, else its session's UTM; conversion_rate = orders / sessions from the channel × 100. Orders without campaign information form one all-null row.",
  query: RANGE_PARAMS,
  answer: channelsAnswer,
});

export const attributionRoute = queryRoute("attribution", {
  summary: "Multi-touch attribution",
  description:
    "Touchpoints are a visitor's sessions with campaign information; each purchase's revenue is shared by the touchpoints in the window days before it: last_click gives all to the latest, linear splits equally, time_decay weights by 2^(−age / 7 days).",
  query: {
    ...RANGE_PARAMS,
    model: choiceParam("model", MODELS, "last_click", "How revenue is shared"),
    window: numberChoiceParam("window", WINDOWS, 30, "Look-back window in days"),
  },
  answer: attributionAnswer,
});

export const cohortsRoute = queryRoute("cohorts", {
  summary: "Cohorts by first purchase month",
  description:
    "A visitor's cohort is the UTC month of their first purchase; revenue_by_month[k] = the cohort's revenue in month cohort + k. Ignores days/start/end.",
  query: { months: intParam("months", 6, 1, 120, "How many of the most recent cohort months") },
  answer: cohortsAnswer,
});

export const BEHAVIOUR_ROUTES = [funnelRoute, cartAbandonmentRoute, channelsRoute, attributionRoute, cohortsRoute];
