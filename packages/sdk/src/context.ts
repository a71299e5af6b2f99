import { MAX_LOCALE, MAX_LONG_TEXT, MAX_TEXT, type EventContext } from "@tally/schema/model";
import type { Visit } from "./identity.js";

export type { EventContext };

/** The UTM parameters of a session. */
export type Campaign = Pick<EventContext, `utm_${"source" | "medium" | "campaign" | "term" | "content"}`>;

/** Text cut to the collector's limit, so a long URL or title does not cost the whole event. */
const cut = (text: string | undefined, max = MAX_LONG_TEXT) => text?.slice(0, max) || undefined;

/**
 * The UTM parameters of a URL, when it has any.
 *
 * @example
 * campaignOf("https://shop.example/?utm_source=newsletter"); // { utm_source: "newsletter" }
 */
export function campaignOf(url: string): Campaign | undefined {
  let found: Campaign | undefined;
  for (const [k, v] of new URL(url).searchParams) {
    if (v && /^utm_(source|medium|campaign|term|content)$/.test(k))
      (found ||= {})[k as keyof Campaign] = cut(v, MAX_TEXT);
  }
  return found;
}

/**
 * The device class: a touch screen as the main pointer makes a phone or a tablet, told apart by
 * the screen's shorter side. Unlike the User-Agent this knows iPads that call themselves Macs
 * (the collector falls back to the User-Agent when an event has no device type).
 *
 * @example
 * deviceType(); // "desktop"
 */
export function deviceType(): "mobile" | "tablet" | "desktop" {
  return matchMedia("(pointer:coarse)").matches
    ? Math.min(screen.width, screen.height) < 600
      ? "mobile"
      : "tablet"
    : "desktop";
}

/**
 * The page and device context of an event, with the session's campaign and referrer.
 *
 * @example
 * pageContext(visit); // { page_url, page_path, page_title, referrer, utm_source, …, device_type, platform: "web", locale }
 */
export function pageContext(v: Visit): EventContext {
  return {
    page_url: cut(location.href),
    page_path: cut(location.pathname),
    page_title: cut(document.title, MAX_TEXT),
    referrer: cut(v.r),
    ...v.c,
    device_type: deviceType(),
    platform: "web",
    locale: cut(navigator.language, MAX_LOCALE),
  };
}
