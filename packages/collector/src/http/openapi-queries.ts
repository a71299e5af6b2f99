// The query and erase routes in the OpenAPI document: parameters, answers and what each number
// means (the metric definitions the queries implement).

const money = { type: "number", description: "In the appspace's base currency, rounded to its minor digits" };
const int = { type: "integer", minimum: 0 };
const pct = { type: "number", description: "Percent, 1 decimal" };
const nullable = (type: string) => ({ type: [type, "null"] });
const days = { days: { type: "integer", description: "Days in the (clamped) range" } };
const obj = (properties: Record<string, unknown>) => ({
  type: "object",
  properties,
  required: Object.keys(properties),
});
const list = (name: string, item: Record<string, unknown>) =>
  obj({ [name]: { type: "array", items: obj(item) }, ...days });

const param = (name: string, description: string, schema: Record<string, unknown>, required = false) => ({
  name,
  in: "query",
  required,
  description,
  schema,
});
export const RANGE_PARAMETERS = [
  param("days", "The N UTC days ending today, today included (default 30)", {
    type: "integer",
    minimum: 1,
    default: 30,
  }),
  param("start", "First day, inclusive (with end; instead of days)", { type: "string", format: "date" }),
  param("end", "Last day, inclusive (with start)", { type: "string", format: "date" }),
];
/** Every query endpoint reads it. */
export const EXCLUDE_FLAGGED = param(
  "exclude_flagged",
  "true: answer as if the events a fraud rule flagged had not been stored (default false: flagged events count)",
  { type: "boolean", default: false },
);
const LIMIT = param("limit", "How many products", { type: "integer", minimum: 1, maximum: 100, default: 20 });

const errors = (...codes: string[]) =>
  Object.fromEntries(
    codes.map((code) => [
      code,
      {
        description: {
          "400": "A parameter is invalid (code query.invalid_<name>)",
          "401": "No key, an unknown or revoked key, or a secret key outside the Authorization header",
          "403": "A publishable key: queries need a secret key",
        }[code],
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    ]),
  );

function query(summary: string, description: string, parameters: unknown[], answer: unknown) {
  return {
    get: {
      summary,
      description,
      tags: ["queries"],
      security: [{ secretKey: [] }],
      parameters: [...parameters, EXCLUDE_FLAGGED],
      responses: {
        "200": { description: "The answer", content: { "application/json": { schema: answer } } },
        ...errors("400", "401", "403"),
      },
    },
  };
}

const breakdown = (field: string, list_: string, values: string) =>
  query(
    `Revenue by ${field.replace("_type", "")}`,
    `Purchase revenue and orders per ${field} (${values}; unknown is null), by revenue descending.`,
    RANGE_PARAMETERS,
    list(list_, { [field]: nullable("string"), revenue: money, orders: int }),
  );

const channel = { campaign: nullable("string"), source: nullable("string"), medium: nullable("string") };
const E = "/v1/api/analytics/ecommerce";

/** The paths of every query route and of the erase route. */
export const QUERY_PATHS = {
  [`${E}/overview`]: query(
    "Revenue overview",
    "total_revenue = Σ purchase revenue; net_revenue = total − refund_amount; avg_order_value = total / orders (0 when none); total_items_sold = Σ item quantities on purchases; cart_abandonment_rate = abandoned / (abandoned + completed carts) × 100; add_to_cart_rate = visitors with add_to_cart / visitors with view_item × 100.",
    RANGE_PARAMETERS,
    obj({
      total_revenue: money,
      net_revenue: money,
      total_orders: int,
      total_refunds: int,
      refund_amount: money,
      avg_order_value: money,
      total_items_sold: int,
      cart_abandonment_rate: pct,
      add_to_cart_rate: pct,
      ...days,
    }),
  ),
  [`${E}/revenue-timeseries`]: query(
    "Revenue per day",
    "One entry per UTC day of the range, days without orders included.",
    RANGE_PARAMETERS,
    list("series", { date: { type: "string", format: "date" }, revenue: money, orders: int }),
  ),
  [`${E}/top-products`]: query(
    "Top products",
    "Over purchase items: revenue = Σ price × quantity, quantity = Σ quantity, orders = distinct orders with the item, name = the latest non-empty item_name; by revenue descending.",
    [...RANGE_PARAMETERS, LIMIT],
    list("products", {
      item_id: { type: "string" },
      item_name: nullable("string"),
      revenue: money,
      quantity: int,
      orders: int,
    }),
  ),
  [`${E}/revenue-by-coupon`]: query(
    "Revenue by coupon",
    "Orders with a coupon_code: revenue, orders, avg_discount = mean discount of those orders.",
    RANGE_PARAMETERS,
    list("coupons", { coupon_code: { type: "string" }, revenue: money, orders: int, avg_discount: money }),
  ),
  [`${E}/revenue-by-device`]: breakdown("device_type", "devices", "mobile, tablet, desktop"),
  [`${E}/revenue-by-platform`]: breakdown("platform", "platforms", "web, ios, android, …"),
  [`${E}/revenue-by-country`]: breakdown("country", "countries", "ISO 3166-1 alpha-2"),
  [`${E}/funnel`]: query(
    "Purchase funnel",
    "Steps view_item → add_to_cart → view_cart → begin_checkout → add_payment_info → purchase; count = visitors who did the step at or after every earlier step inside the range; percentage = count / previous count × 100 (first 100).",
    RANGE_PARAMETERS,
    list("steps", { name: { type: "string" }, count: int, percentage: pct }),
  ),
  [`${E}/cart-abandonment`]: query(
    "Cart abandonment",
    "A cart (cart_id, else the session) is open with an add_to_cart in the range; completed with a purchase, else abandoned. abandoned_revenue = Σ price × quantity added minus removed over abandoned carts.",
    RANGE_PARAMETERS,
    obj({ abandonment_rate: pct, abandoned_carts: int, abandoned_revenue: money, completed_carts: int, ...days }),
  ),
  [`${E}/revenue-by-channel`]: query(
    "Revenue by channel",
    "A purchase's channel is its own campaign/source/medium properties, else its session's UTM; conversion_rate = orders / sessions from the channel × 100. Orders without campaign information form one all-null row.",
    RANGE_PARAMETERS,
    list("channels", { ...channel, revenue: money, orders: int, conversion_rate: pct }),
  ),
  [`${E}/attribution`]: query(
    "Multi-touch attribution",
    "Touchpoints are a visitor's sessions with campaign information; each purchase's revenue is shared by the touchpoints in the window days before it: last_click gives all to the latest, linear splits equally, time_decay weights by 2^(−age / 7 days).",
    [
      ...RANGE_PARAMETERS,
      param("model", "How revenue is shared", {
        type: "string",
        enum: ["last_click", "linear", "time_decay"],
        default: "last_click",
      }),
      param("window", "Look-back window in days", { type: "integer", enum: [7, 14, 30, 60, 90], default: 30 }),
    ],
    obj({
      attributed: { type: "array", items: obj({ ...channel, revenue: money, orders: int, pct_of_total: pct }) },
      unattributed: obj({ revenue: money, orders: int }),
      model: { type: "string" },
      window_days: { type: "integer" },
    }),
  ),
  [`${E}/cohorts`]: query(
    "Cohorts by first purchase month",
    "A visitor's cohort is the UTC month of their first purchase; revenue_by_month[k] = the cohort's revenue in month cohort + k. Ignores days/start/end.",
    [
      param("months", "How many of the most recent cohort months", {
        type: "integer",
        minimum: 1,
        maximum: 120,
        default: 6,
      }),
    ],
    obj({
      cohorts: {
        type: "array",
        items: obj({
          month: { type: "string", examples: ["2026-03"] },
          users: int,
          revenue_by_month: { type: "object", additionalProperties: money },
        }),
      },
      avg_ltv: money,
      total_purchasing_users: int,
    }),
  ),
  [`${E}/user-journey`]: query(
    "A user's events",
    "Every event of the user (stitched anonymous ids included), oldest first; the whole retention unless days/start/end narrow it.",
    [param("user_id", "The user", { type: "string", maxLength: 200 }, true), ...RANGE_PARAMETERS],
    obj({
      events: {
        type: "array",
        items: {
          type: "object",
          required: ["event_type", "timestamp"],
          properties: {
            event_type: { type: "string" },
            timestamp: { type: "string", format: "date-time" },
            transaction_id: { type: "string" },
            revenue: money,
            items: {
              type: "array",
              items: obj({ item_id: { type: "string" }, item_name: { type: "string" }, price: money, quantity: int }),
            },
          },
        },
      },
      user_id: { type: "string" },
    }),
  ),
  [`${E}/coverage`]: query(
    "What the browser missed",
    "The range's orders by who reported them: both the browser and the server, the browser only, the server only (imports count as server). browser_missed_pct = server_only / all orders × 100 by count; server_orders = both + server_only (the report means something only where the shop sends its orders from the server too). server_by_source splits the orders the server saw (both + server_only) by where they came from: secret_key, shopify, woocommerce, stripe, import; browser_by_door splits those the browser saw (both + client_only) by door: script_tag (the script tag or the npm SDK), pixel (the Shopify custom pixel), segment_browser (Segment's browser library).",
    RANGE_PARAMETERS,
    (() => {
      const sides = (value: unknown) => obj({ both: value, client_only: value, server_only: value });
      const part = { orders: sides(int), revenue: sides(money), browser_missed_pct: pct };
      return obj({
        ...part,
        server_orders: int,
        server_by_source: obj(
          Object.fromEntries(
            ["secret_key", "shopify", "woocommerce", "stripe", "import"].map((k) => [
              k,
              obj({ orders: int, revenue: money }),
            ]),
          ),
        ),
        browser_by_door: obj(
          Object.fromEntries(
            ["script_tag", "pixel", "segment_browser"].map((k) => [k, obj({ orders: int, revenue: money })]),
          ),
        ),
        by_device: { type: "array", items: obj({ device_type: nullable("string"), ...part }) },
        by_platform: { type: "array", items: obj({ platform: nullable("string"), ...part }) },
        ...days,
      });
    })(),
  ),
  [`${E}/flagged`]: query(
    "Flagged events",
    "The events a fraud rule flagged (stored, and counted by every other endpoint unless exclude_flagged=true), oldest first, with the rules that fired: bot, impossible_revenue, velocity, currency_restricted. revenue is in the base currency; original_revenue and original_currency are added when the event was sent in another. With exclude_flagged=true the list is empty.",
    RANGE_PARAMETERS,
    obj({
      events: {
        type: "array",
        items: {
          type: "object",
          required: ["event_id", "event_type", "transaction_id", "revenue", "currency", "timestamp", "rules"],
          properties: {
            event_id: { type: "string" },
            event_type: { type: "string" },
            transaction_id: nullable("string"),
            revenue: { ...money, type: ["number", "null"] },
            currency: { type: "string", description: "The base currency" },
            original_revenue: { type: "number" },
            original_currency: { type: "string" },
            timestamp: { type: "string", format: "date-time" },
            rules: { type: "array", items: { type: "string" } },
          },
        },
      },
      ...days,
    }),
  ),
  "/v1/api/analytics/user/{userId}": {
    delete: {
      summary: "Erase a user",
      description:
        "Afterwards no stored row holds the user id, its stitched anonymous ids or its email. Bare event and transaction ids stay, so a late retry cannot bring the data back.",
      tags: ["erase"],
      security: [{ secretKey: [] }],
      parameters: [{ name: "userId", in: "path", required: true, schema: { type: "string", maxLength: 200 } }],
      responses: {
        "200": {
          description: "Erased",
          content: {
            "application/json": { schema: obj({ ok: { const: true }, deleted_user_id: { type: "string" } }) },
          },
        },
        ...errors("400", "401", "403"),
      },
    },
  },
  "/v1/api/analytics/user": {
    delete: {
      summary: "Erase a user named in the query string",
      description:
        "The same erase as DELETE /v1/api/analytics/user/{userId}, for ids a path cannot carry (a slash, a question mark).",
      tags: ["erase"],
      security: [{ secretKey: [] }],
      parameters: [{ name: "user_id", in: "query", required: true, schema: { type: "string", maxLength: 200 } }],
      responses: {
        "200": {
          description: "Erased",
          content: {
            "application/json": { schema: obj({ ok: { const: true }, deleted_user_id: { type: "string" } }) },
          },
        },
        ...errors("400", "401", "403"),
      },
    },
  },
};
