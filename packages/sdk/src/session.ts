import { newId } from "./hash.js";

/** Who and which visit: kept in localStorage (and a cookie for the shop's server). */
export interface Visit {
  /** Anonymous id, for as long as the browser keeps it. */
  a: string;
  /** Session id. */
  s: string;
  /** Last activity (ms): 30 minutes without any starts a new session. */
  t: number;
  /** The session's campaign (utm_* parameters), captured when it started. */
  c?: Record<string, string>;
  /** The session's referrer, when it came from another site. */
  r?: string;
  /** User id, once identified. */
  u?: string;
}

export const SESSION_IDLE = 30 * 60e3;
const KEY = "tally";
const UTM = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];

function read(): Visit | undefined {
  try {
    return JSON.parse(localStorage.getItem(KEY)!) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The UTM parameters of a URL, if it has any. */
export function campaignOf(url: string): Record<string, string> | undefined {
  const params = new URL(url).searchParams;
  const found = UTM.filter((k) => params.get(k));
  return found.length ? Object.fromEntries(found.map((k) => [k, params.get(k)!])) : undefined;
}

/**
 * The visit now: the stored one, touched, unless 30 minutes passed or the page brings a new
 * campaign, which start a new session (the anonymous id stays). Also writes the `_tally` cookie
 * (`anonymous_id.session_id`, URL-encoded) so the shop's server can join its purchase to it.
 */
export function visit(url: string, referrer: string, now = Date.now()): Visit {
  let v = read();
  const campaign = campaignOf(url);
  if (!v || now - v.t > SESSION_IDLE || (campaign && JSON.stringify(campaign) !== JSON.stringify(v.c))) {
    const r = referrer && !referrer.startsWith(new URL(url).origin) ? referrer : undefined;
    v = { a: v?.a ?? newId(now), s: newId(now), t: now, c: campaign, r, u: v?.u };
  }
  v.t = now;
  save(v);
  return v;
}

export function save(v: Visit): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(v));
  } catch {
    // Storage blocked: the visit lives in memory for this page.
  }
  try {
    document.cookie = `_tally=${encodeURIComponent(`${v.a}.${v.s}`)}; path=/; max-age=31536000; SameSite=Lax`;
  } catch {
    // Cookies blocked.
  }
}
