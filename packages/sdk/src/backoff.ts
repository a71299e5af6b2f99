/**
 * How long to wait after the `tries`-th failed attempt (0 = the first): 1 s doubling up to
 * 5 minutes, with "equal jitter" (between half and the whole) so that many browsers do not
 * retry in step. A `Retry-After` in seconds (what the collector sends with a 429 or 503) wins,
 * but at least 1 s; an HTTP-date one is ignored.
 *
 * @example
 * backoff(0); // 500–1000
 * backoff(3, "120"); // 120000
 */
export function backoff(tries: number, retryAfter?: string | null, random = Math.random): number {
  const asked = retryAfter ? 1e3 * +retryAfter : NaN;
  if (asked >= 0) return Math.max(asked, 1e3);
  return Math.min(3e5, 1e3 * 2 ** tries) * (0.5 + random() / 2);
}
