import { z } from "zod";
import { EVENT_TYPES } from "./event-types.js";
import { CURRENCY_PATTERN } from "./money.js";
import { LIMITS, MAX_LOCALE } from "./limits.js";

const text = (max: number) => z.string().max(max);
/** Ids may be sent as strings or numbers; they are kept as strings. */
const id = z.union([z.string().min(1).max(LIMITS.id), z.number().finite()]).transform(String);
const amount = z.number().finite().min(0).max(LIMITS.amount);
const currency = z.string().regex(CURRENCY_PATTERN, "must be an ISO 4217 code such as USD");
const quantity = z.number().finite().min(0).max(LIMITS.quantity);

export const itemSchema = z.strictObject({
  item_id: id,
  item_name: text(LIMITS.text).optional(),
  item_category: text(LIMITS.text).optional(),
  item_brand: text(LIMITS.text).optional(),
  item_variant: text(LIMITS.text).optional(),
  item_list_name: text(LIMITS.text).optional(),
  item_list_id: text(LIMITS.id).optional(),
  item_image_url: text(LIMITS.long).optional(),
  price: amount.optional(),
  quantity: quantity.optional(),
  currency: currency.optional(),
  coupon_code: text(LIMITS.text).optional(),
  discount: amount.optional(),
});

export const contextSchema = z.strictObject({
  page_url: text(LIMITS.long).optional(),
  page_path: text(LIMITS.long).optional(),
  page_title: text(LIMITS.text).optional(),
  referrer: text(LIMITS.long).optional(),
  utm_source: text(LIMITS.text).optional(),
  utm_medium: text(LIMITS.text).optional(),
  utm_campaign: text(LIMITS.text).optional(),
  utm_term: text(LIMITS.text).optional(),
  utm_content: text(LIMITS.text).optional(),
  device_type: z.enum(["mobile", "tablet", "desktop"]).optional(),
  platform: text(32).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code")
    .optional(),
  locale: text(MAX_LOCALE).optional(),
  user_agent: text(LIMITS.long).optional(),
});

const propertyValue = z.union([text(LIMITS.long), z.number().finite(), z.boolean()]).transform(String);

export const propertiesSchema = z
  .record(text(100), propertyValue)
  .refine((p) => Object.keys(p).length <= LIMITS.properties, `must have at most ${LIMITS.properties} keys`);

/** A timestamp: ISO 8601 text (no offset means UTC) or epoch milliseconds. */
const timestamp = z.union([
  z
    .string()
    .max(40)
    .refine((s) => !Number.isNaN(parseTimestamp(s)), "must be an ISO 8601 date-time"),
  z.number().int().min(0),
]);

/** One ecommerce event, after the event-type and required-field checks of `validateEvent`. */
export const eventSchema = z.strictObject({
  event_type: z.enum(EVENT_TYPES),
  event_id: id.optional(),
  timestamp: timestamp.optional(),
  transaction_id: id.optional(),
  revenue: amount.optional(),
  currency: currency.optional(),
  user_id: id.optional(),
  anonymous_id: id.optional(),
  session_id: id.optional(),
  cart_id: id.optional(),
  email: text(320).optional(),
  coupon_code: text(LIMITS.text).optional(),
  discount: amount.optional(),
  shipping: amount.optional(),
  tax: amount.optional(),
  items: z.array(itemSchema).max(LIMITS.items).optional(),
  properties: propertiesSchema.optional(),
  context: contextSchema.optional(),
});

export type EcommerceItem = z.output<typeof itemSchema>;
export type EventContext = z.output<typeof contextSchema>;
export type EcommerceEvent = z.output<typeof eventSchema>;
/** What a client sends: ids may still be numbers, the event type a Segment name. */
export type EcommerceEventInput = Omit<z.input<typeof eventSchema>, "event_type"> & { event_type: string };

const ISO = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?)?(Z|[+-]\d\d:?\d\d)?$/i;

/**
 * Epoch milliseconds of an ISO 8601 date-time; text without an offset is read as UTC.
 * `NaN` when it is not one (impossible dates such as February 31 included).
 *
 * @example
 * parseTimestamp("2026-01-15T10:30:00"); // 1768473000000
 */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const daysInMonth = (year: number, month: number) => (month === 2 && leap(year) ? 29 : MONTH_DAYS[month - 1]!);

export function parseTimestamp(value: string | number): number {
  if (typeof value === "number") return value;
  const m = ISO.exec(value);
  if (!m) return NaN;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (+(m[4] ?? 0) > 23 || +(m[5] ?? 0) > 59 || +(m[6] ?? 0) > 59) return NaN;
  const iso = value.length === 10 ? `${value}T00:00:00Z` : m[7] ? value : `${value}Z`;
  return Date.parse(value.charCodeAt(10) === 32 ? iso.replace(" ", "T") : iso);
}
