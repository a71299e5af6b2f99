/** Retries stop this long after the event was put in the outbox. */
export const RETRY_FOR_MS = 24 * 3_600_000;
const FIRST_RETRY_MS = 5_000;
const MAX_DELAY_MS = 3_600_000;

/**
 * When to try again after `failures` failed attempts: 5 s after the first, doubling, capped at
 * an hour, each drawn between half and all of that (jitter, so receivers coming back are not hit
 * by every collector at once); undefined once past 24 h from `createdAt`: give up.
 *
 * @example
 * nextAttemptAt(1, created, now, () => 1); // now + 5000
 */
export function nextAttemptAt(
  failures: number,
  createdAt: number,
  now: number,
  random: () => number = Math.random,
): number | undefined {
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  const at = now + Math.round(ceiling * (0.5 + random() / 2));
  return at - createdAt > RETRY_FOR_MS ? undefined : at;
}
