import { botRule } from "../policies/fraud/bot.js";
import { settingsOf } from "../policies/settings.js";
import type { IdentityLink } from "../store.js";
import type { Auth } from "../auth/authenticate.js";
import { unstorableTextAt } from "./unstorable-text.js";

/**
 * The identity links of a request that are kept. A link ties an anonymous id to a user id, so
 * every later query and erase follows it: from a publishable key (anyone who read a shop page)
 * it is judged like that request's events, and the bot rule at `block` drops the links a bot's
 * client sends, as it drops its events. A link whose ids hold text no store keeps faithfully (a
 * lone surrogate, U+0000) is dropped too: it could never be named again, nor erased.
 *
 * @example
 * keptLinks(links, auth, "curl/8.5.0"); // [] with the bot rule at its default, block
 */
export function keptLinks(links: readonly IdentityLink[], auth: Auth, userAgent: string | undefined): IdentityLink[] {
  const storable = links.filter((l) => !unstorableTextAt(l.anonymousId) && !unstorableTextAt(l.userId));
  if (auth.keyKind !== "publishable" || settingsOf(auth.appspace).fraud.bot !== "block") return storable;
  return botRule.fires({ browserUserAgent: userAgent } as Parameters<typeof botRule.fires>[0]) ? [] : storable;
}
