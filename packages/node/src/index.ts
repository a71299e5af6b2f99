export { createClient, type TallyClient, type IdentifyTarget } from "./client.js";
export type { ClientOptions } from "./options.js";
export type { RetryOptions } from "./sender.js";
export type { CookieField, EventFields, PurchaseFields, RefundFields } from "./fields.js";
export { sessionFromCookie, type CookieSession } from "./cookie.js";
export { orderEventId } from "./event-id.js";
export {
  TallyError,
  TallyUsageError,
  TallyRejectedError,
  TallyRetryAfterError,
  TallyUnreachableError,
} from "./errors.js";
