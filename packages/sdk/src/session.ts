import { campaignOf } from "./context.js";
import { randomId } from "./ids.js";
import type { Visit } from "./identity.js";

/** 30 minutes without activity end a session. */
export const SESSION_IDLE = 30 * 60e3;

/**
 * The visit after activity at `url` at `now`: the stored one, unless there is none, 30 minutes
 * passed, or the URL brings a campaign other than the session's; those start a new session,
 * which captures the campaign and the outside referrer. The anonymous and user ids stay.
 *
 * @example
 * const v = touch(loadVisit(), location.href, document.referrer, Date.now());
 */
export function touch(stored: Visit | undefined, url: string, referrer: string, now: number): Visit {
  const campaign = campaignOf(url);
  let v = stored;
  if (!v || now - v.t! > SESSION_IDLE || (campaign && JSON.stringify(campaign) != JSON.stringify(v.c))) {
    const outside = referrer && new URL(referrer).host != new URL(url).host;
    v = { a: v?.a || randomId(), s: randomId(), c: campaign, r: outside ? referrer : undefined, u: v?.u };
  }
  v.t = now;
  return v;
}
