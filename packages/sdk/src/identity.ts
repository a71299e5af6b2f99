import { readCookie, writeCookie } from "./cookie.js";
import type { Campaign } from "./context.js";
import { local, localJson } from "./local-storage.js";

/**
 * Who this browser is and which visit this is, kept in localStorage under `_tally` (short keys:
 * it is read and written with every event) and mirrored in the `_tally` cookie.
 */
export interface Visit {
  /** Anonymous id: as long as the browser keeps it. */
  a: string;
  /** Session id. */
  s: string;
  /** Last activity (ms): 30 minutes without any start a new session. */
  t?: number;
  /** The session's campaign (UTM parameters), captured when it started. */
  c?: Campaign;
  /** The session's referrer, when it came from another site. */
  r?: string;
  /** User id, once identified. */
  u?: string;
}

const KEY = "_tally";

/**
 * The stored visit: localStorage first, then the cookie (storage blocked, or wiped while the
 * cookie lived), else undefined.
 *
 * @example
 * loadVisit()?.a; // "0f8c…", the anonymous id
 */
export function loadVisit(): Visit | undefined {
  return localJson<Visit>(KEY) || readCookie();
}

/**
 * Stores the visit in localStorage and the cookie; without one, removes both (consent withdrawn).
 *
 * @example
 * saveVisit({ ...visit, u: "user-9" });
 */
export function saveVisit(v?: Visit): void {
  local(KEY, v ? JSON.stringify(v) : null);
  writeCookie(v);
}
