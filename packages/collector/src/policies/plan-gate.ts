import { TallyError } from "../errors.js";
import type { AppspaceRow } from "../store.js";
import { settingsOf } from "./settings.js";

/** The seed's words for an appspace on the free plan. */
export const FREE_TIER_MESSAGE = "Ecommerce events are not available on the free tier";

/**
 * 403 on every ingest route for an appspace on the `free` plan; checked right after the key,
 * before the body is judged.
 */
export function refuseOnFreePlan(appspace: AppspaceRow): void {
  if (settingsOf(appspace).plan === "free") throw new TallyError(403, "plan.free_tier", FREE_TIER_MESSAGE);
}
