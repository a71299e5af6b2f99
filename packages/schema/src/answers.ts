// The answers of the query API, declared once: the collector's routes are typed by them and its
// OpenAPI document is generated from them; the dashboard reads its panels' types from here.
import { z } from "zod";

const money = z.number().meta({ description: "In the appspace's base currency, rounded to its minor digits" });
const count = z.number().int().min(0);
const pct = z.number().meta({ description: "Percent, 1 decimal" });
const days = z.number().int().min(0).meta({ description: "Days in the (clamped) range" });
const label = z.string().nullable();

export const overviewAnswer = z.object({
  total_revenue: money,
  net_revenue: money,
  total_orders: count,
  total_refunds: count,
  refund_amount: money,
  avg_order_value: money,
  total_items_sold: count,
  cart_abandonment_rate: pct,
  add_to_cart_rate: pct,
  days,
});

export const timeseriesAnswer = z.object({
  series: z.array(z.object({ date: z.iso.date(), revenue: money, orders: count })),
  days,
});

export const productSchema = z.object({
  item_id: z.string(),
  item_name: label,
  revenue: money,
  quantity: count,
  orders: count,
});
export const topProductsAnswer = z.object({ products: z.array(productSchema), days });

export const couponSchema = z.object({ coupon_code: z.string(), revenue: money, orders: count, avg_discount: money });
export const couponsAnswer = z.object({ coupons: z.array(couponSchema), days });

const breakdownRow = { revenue: money, orders: count };
export const devicesAnswer = z.object({ devices: z.array(z.object({ device_type: label, ...breakdownRow })), days });
export const platformsAnswer = z.object({ platforms: z.array(z.object({ platform: label, ...breakdownRow })), days });
export const countriesAnswer = z.object({ countries: z.array(z.object({ country: label, ...breakdownRow })), days });

export const funnelAnswer = z.object({
  steps: z.array(z.object({ name: z.string(), count, percentage: pct })),
  days,
});

export const cartAbandonmentAnswer = z.object({
  abandonment_rate: pct,
  abandoned_carts: count,
  abandoned_revenue: money,
  completed_carts: count,
  days,
});

const channel = { campaign: label, source: label, medium: label };
export const channelSchema = z.object({ ...channel, revenue: money, orders: count, conversion_rate: pct });
export const channelsAnswer = z.object({ channels: z.array(channelSchema), days });

export const attributionAnswer = z.object({
  attributed: z.array(z.object({ ...channel, revenue: money, orders: count, pct_of_total: pct })),
  unattributed: z.object({ revenue: money, orders: count }),
  model: z.string(),
  window_days: z.number().int(),
});

export const cohortsAnswer = z.object({
  cohorts: z.array(
    z.object({
      month: z.string().meta({ examples: ["2026-03"] }),
      users: count,
      revenue_by_month: z.record(z.string(), money),
    }),
  ),
  avg_ltv: money,
  total_purchasing_users: count,
});

export const journeyEventSchema = z.object({
  event_type: z.string(),
  timestamp: z.iso.datetime(),
  items: z
    .array(
      z.object({ item_id: z.string(), item_name: z.string().optional(), price: money.optional(), quantity: count }),
    )
    .optional(),
  transaction_id: z.string().optional(),
  revenue: money.optional(),
});
export const journeyAnswer = z.object({ events: z.array(journeyEventSchema), user_id: z.string() });

const sides = <T extends z.ZodType>(value: T) => z.object({ both: value, client_only: value, server_only: value });
const part = z.object({ orders: count, revenue: money });
const coveragePart = { orders: sides(count), revenue: sides(money), browser_missed_pct: pct };
export const coverageAnswer = z.object({
  ...coveragePart,
  server_orders: count,
  server_by_source: z.object({ secret_key: part, shopify: part, woocommerce: part, stripe: part, import: part }),
  browser_by_door: z.object({ script_tag: part, pixel: part, segment_browser: part }),
  by_device: z.array(z.object({ device_type: label, ...coveragePart })),
  by_platform: z.array(z.object({ platform: label, ...coveragePart })),
  days,
});

export const flaggedAnswer = z.object({
  events: z.array(
    z.object({
      event_id: z.string(),
      event_type: z.string(),
      transaction_id: label,
      revenue: money.nullable(),
      currency: z.string().meta({ description: "The base currency" }),
      original_revenue: z.number().optional(),
      original_currency: z.string().optional(),
      timestamp: z.iso.datetime(),
      rules: z.array(z.string()),
    }),
  ),
  days,
});

export const eraseAnswer = z.object({ ok: z.literal(true), deleted_user_id: z.string() });

/** What `GET /v1/api/analytics/ecommerce/<endpoint>` answers, by endpoint. */
export interface EcommerceAnswers {
  overview: z.infer<typeof overviewAnswer>;
  "revenue-timeseries": z.infer<typeof timeseriesAnswer>;
  "top-products": z.infer<typeof topProductsAnswer>;
  "revenue-by-coupon": z.infer<typeof couponsAnswer>;
  "revenue-by-device": z.infer<typeof devicesAnswer>;
  "revenue-by-platform": z.infer<typeof platformsAnswer>;
  "revenue-by-country": z.infer<typeof countriesAnswer>;
  funnel: z.infer<typeof funnelAnswer>;
  "cart-abandonment": z.infer<typeof cartAbandonmentAnswer>;
  "revenue-by-channel": z.infer<typeof channelsAnswer>;
  attribution: z.infer<typeof attributionAnswer>;
  cohorts: z.infer<typeof cohortsAnswer>;
  "user-journey": z.infer<typeof journeyAnswer>;
  coverage: z.infer<typeof coverageAnswer>;
  flagged: z.infer<typeof flaggedAnswer>;
}

/** `POST …/ecommerce/track`: stored, or a repeat silently ignored. */
export const trackAnswer = z.object({ ok: z.literal(true) });

/** `POST …/ecommerce/batch`: valid events stored, invalid ones skipped with a reason (`events[i]: message`). */
export const batchAnswer = z.object({
  ok: z.literal(true),
  accepted: count,
  errors: z.array(z.string()).optional(),
});

/** Every refusal but Hello Retail's: `{ error, code }`, `code` stable as `area.reason`. */
export const errorAnswer = z.object({
  error: z.string(),
  code: z.string().meta({ description: "Stable, area.reason" }),
});

/** `GET /v1/api/analytics/appspace`: the appspace a secret key belongs to. */
export const appspaceAnswer = z.object({
  id: z.string(),
  name: z.string(),
  currency: z.string().meta({ description: "The base currency" }),
  retention_days: z.number().int(),
  dropped_this_month: z.record(z.string(), count).optional().meta({
    description: "Events each fraud rule at block dropped this UTC month (answered as accepted, never stored)",
  }),
});

/** The appspace a secret key belongs to, as the dashboard reads it. */
export type AppspaceAnswer = z.infer<typeof appspaceAnswer>;

/** `POST /serve/collect/conversion`: Hello Retail's own answer shape. */
export const conversionAnswer = z.object({ success: z.literal(true), message: z.literal("Conversion tracked") });
/** Every refusal of `POST /serve/collect/conversion`, in Hello Retail's shape. */
export const conversionRefusal = z.object({ success: z.literal(false), message: z.string() });

/** The Segment-compatible routes: accepted, with the messages the ingest contract refused. */
export const segmentAnswer = z.object({ success: z.literal(true), errors: z.array(z.string()).optional() });

/** `POST /sources/:id`: accepted, ignored on purpose or kept aside. */
export const deliveryAnswer = z.object({ ok: z.literal(true) });

/** `GET /healthz`. */
export const healthAnswer = z.object({ ok: z.literal(true) });

/** `GET /healthz/projection`: where the inbox and the projector stand. */
export const projectionAnswer = z.object({
  appended: count.meta({ description: "Inbox entries appended" }),
  projected: count.meta({ description: "Inbox entries projected" }),
  backlog_events: count.meta({ description: "Acknowledged events not yet projected" }),
});
