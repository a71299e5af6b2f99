/**
 * How long to wait after the `tries`-th failure: 1 s doubling to 5 minutes, with jitter
 * (between half and the whole), or what the collector's Retry-After asked for.
 */
export function backoff(tries: number, retryAfter?: string | null): number {
  const asked = Number(retryAfter);
  if (retryAfter && asked >= 0) return asked * 1000;
  return Math.min(3e5, 1e3 * 2 ** tries) * (0.5 + Math.random() / 2);
}
