import type { EcommerceEvent } from "./event.schema.js";
import { parseTimestamp } from "./event.schema.js";
import type { EventType } from "./event-types.js";
import { CURRENCY_PATTERN } from "./money.js";
import { LIMITS } from "./limits.js";

// A hand-written check of the same rules as `eventSchema`, for the ingest path: it answers the
// parsed event for input the schema would accept, and `undefined` for anything else, which then
// goes through the schema itself for its exact message. It never accepts what the schema rejects;
// the schema stays the source of truth (and of /openapi.json), and a test holds the two together.

type Check = (value: unknown) => unknown;
const FAIL = Symbol("fail");

const text =
  (max: number): Check =>
  (v) =>
    typeof v === "string" && v.length <= max ? v : FAIL;
const id: Check = (v) =>
  typeof v === "string"
    ? v.length >= 1 && v.length <= LIMITS.id
      ? v
      : FAIL
    : typeof v === "number" && Number.isFinite(v)
      ? String(v)
      : FAIL;
const bounded =
  (max: number): Check =>
  (v) =>
    typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= max ? v : FAIL;
const amount = bounded(LIMITS.amount);
const currency: Check = (v) => (typeof v === "string" && CURRENCY_PATTERN.test(v) ? v : FAIL);
const timestamp: Check = (v) =>
  typeof v === "string"
    ? v.length <= 40 && !Number.isNaN(parseTimestamp(v))
      ? v
      : FAIL
    : typeof v === "number" && Number.isSafeInteger(v) && v >= 0
      ? v
      : FAIL;

const ITEM: Record<string, Check> = {
  item_id: id,
  item_name: text(LIMITS.text),
  item_category: text(LIMITS.text),
  item_brand: text(LIMITS.text),
  item_variant: text(LIMITS.text),
  item_list_name: text(LIMITS.text),
  item_list_id: text(LIMITS.id),
  item_image_url: text(LIMITS.long),
  price: amount,
  quantity: bounded(LIMITS.quantity),
  currency,
  coupon_code: text(LIMITS.text),
  discount: amount,
};

const DEVICE_TYPES = new Set(["mobile", "tablet", "desktop"]);
const CONTEXT: Record<string, Check> = {
  page_url: text(LIMITS.long),
  page_path: text(LIMITS.long),
  page_title: text(LIMITS.text),
  referrer: text(LIMITS.long),
  utm_source: text(LIMITS.text),
  utm_medium: text(LIMITS.text),
  utm_campaign: text(LIMITS.text),
  utm_term: text(LIMITS.text),
  utm_content: text(LIMITS.text),
  device_type: (v) => (typeof v === "string" && DEVICE_TYPES.has(v) ? v : FAIL),
  platform: text(32),
  country: (v) => (typeof v === "string" && /^[A-Za-z]{2}$/.test(v) ? v : FAIL),
  locale: text(35),
  user_agent: text(LIMITS.long),
};

const object =
  (fields: Record<string, Check>): Check =>
  (v) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return FAIL;
    const out: Record<string, unknown> = {};
    for (const key in v) {
      const check = fields[key];
      if (check === undefined || !Object.hasOwn(fields, key)) return FAIL;
      const value = check((v as Record<string, unknown>)[key]);
      if (value === FAIL) return FAIL;
      out[key] = value;
    }
    return out;
  };

const item = object(ITEM);
const items: Check = (v) => {
  if (!Array.isArray(v) || v.length > LIMITS.items) return FAIL;
  const out = new Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const checked = item(v[i]);
    if (checked === FAIL || (checked as Record<string, unknown>).item_id === undefined) return FAIL;
    out[i] = checked;
  }
  return out;
};

const properties: Check = (v) => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return FAIL;
  const out: Record<string, string> = {};
  let n = 0;
  for (const key in v) {
    if (!Object.hasOwn(v, key) || key.length > 100 || ++n > LIMITS.properties) return FAIL;
    const value = (v as Record<string, unknown>)[key];
    if (typeof value === "string") {
      if (value.length > LIMITS.long) return FAIL;
      out[key] = value;
    } else if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean")
      out[key] = String(value);
    else return FAIL;
  }
  return out;
};

const EVENT: Record<string, Check> = {
  event_id: id,
  timestamp,
  transaction_id: id,
  revenue: amount,
  currency,
  user_id: id,
  anonymous_id: id,
  session_id: id,
  cart_id: id,
  email: text(320),
  coupon_code: text(LIMITS.text),
  discount: amount,
  shipping: amount,
  tax: amount,
  items,
  properties,
  context: object(CONTEXT),
};

/**
 * The event as `eventSchema` would parse it (ids as strings, property values as strings), once
 * `validateEvent`'s required-field checks have passed; `undefined` where the schema must decide.
 */
export function fastParseEvent(raw: Record<string, unknown>, type: EventType): EcommerceEvent | undefined {
  const out: Record<string, unknown> = { event_type: type };
  for (const key in raw) {
    if (key === "event_type") continue;
    const check = EVENT[key];
    if (check === undefined || !Object.hasOwn(EVENT, key)) return undefined;
    const value = check(raw[key]);
    if (value === FAIL) return undefined;
    out[key] = value;
  }
  return out as EcommerceEvent;
}
