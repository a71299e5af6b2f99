// The part of the model a browser bundle takes: plain constants and functions, no zod. Type
// imports of the rest cost a bundle nothing.
export { orderType, isOrderType, ORDER_NAMES } from "./order-type.js";
export { MAX_BATCH_EVENTS, MAX_TEXT, MAX_LONG_TEXT, MAX_LOCALE, OUTBOX_DAYS } from "./limits.js";
export { conversionFields, conversionProblem, type Conversion } from "./hello-retail.js";
export { EVENT_FIELDS, type EventFields, type ItemInput } from "./fields.js";
export type { EventContext } from "./event.schema.js";
