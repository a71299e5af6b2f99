/** A refill rate and a burst: `rate` tokens a second, at most `burst` saved up. */
export interface Rate {
  rate: number;
  burst: number;
}

/** Buckets of tokens by id: each request takes one; an empty bucket says how long to wait. */
export interface TokenBuckets {
  /** 0 when a token was taken, else the whole seconds until one is there (for `Retry-After`). */
  take(id: string): number;
}

/** Buckets kept at most: past it the least recently used is forgotten (it refills to full anyway). */
export const MAX_BUCKETS = 100_000;

/**
 * Token buckets per id, in memory: full at first, refilled at `rate` a second up to `burst`. The
 * map is bounded (least recently used forgotten first), so ids chosen by a client cannot grow it.
 *
 * @example
 * const perAddress = createTokenBuckets({ rate: 100, burst: 200 });
 * if (perAddress.take("203.0.113.7") > 0) refuse();
 */
export function createTokenBuckets(
  { rate, burst }: Rate,
  clock: () => number = () => performance.now(),
  maxBuckets = MAX_BUCKETS,
): TokenBuckets {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(id) {
      const now = clock();
      let bucket = buckets.get(id);
      if (bucket) {
        buckets.delete(id);
        bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
        bucket.at = now;
      } else {
        bucket = { tokens: burst, at: now };
        if (buckets.size >= maxBuckets) buckets.delete(buckets.keys().next().value!);
      }
      buckets.set(id, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
    },
  };
}

const UNITS: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600 };

/**
 * A rate as `serve --limit-key` and `--limit-address` take it: `N/s` (or `/min`, `/h`), an
 * optional burst after a colon (default twice the per-second rate, at least 1), or `off`.
 * Answers `null` for `off`, a message for anything else it cannot read.
 *
 * @example
 * parseRate("100/s"); // { rate: 100, burst: 200 }
 * parseRate("600/min:50"); // { rate: 10, burst: 50 }
 */
export function parseRate(text: string): Rate | null | string {
  if (text === "off") return null;
  const m = /^(\d+(?:\.\d+)?)\/(s|sec|m|min|h)(?::(\d+))?$/.exec(text.trim());
  if (!m) return `must be a rate such as 100/s, 600/min or 100/s:500 (a burst after the colon), or off, not "${text}"`;
  const rate = Number(m[1]) / UNITS[m[2]!]!;
  const burst = m[3] === undefined ? Math.max(1, Math.ceil(rate * 2)) : Number(m[3]);
  if (!(rate > 0) || burst < 1) return `must allow at least one request (a rate and a burst above 0), not "${text}"`;
  return { rate, burst };
}
