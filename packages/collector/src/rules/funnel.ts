export const FUNNEL_STEPS = [
  "view_item",
  "add_to_cart",
  "view_cart",
  "begin_checkout",
  "add_payment_info",
  "purchase",
] as const;

/** An event as the funnel sees it. */
export interface FunnelEvent {
  ts: number;
  day: number;
  event_type: string;
}

/**
 * The closed, ordered funnel walked over a visitor's events (sorted by time) from their first
 * event on day `start`: each step is done by the earliest event of its type at or after the
 * step before it. Returns the day each step done was done on.
 */
export function funnelWalk(events: readonly FunnelEvent[], start: number): number[] {
  const done: number[] = [];
  let at = -Infinity;
  for (const step of FUNNEL_STEPS) {
    const next = events.find((e) => e.day >= start && e.event_type === step && e.ts >= at);
    if (!next) break;
    done.push(next.day);
    at = next.ts;
  }
  return done;
}
