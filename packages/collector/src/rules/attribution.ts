const DAY_MS = 86_400_000;

export const MODELS = ["last_click", "linear", "time_decay"] as const;
export type Model = (typeof MODELS)[number];
export const WINDOWS = [7, 14, 30, 60, 90] as const;
const HALF_LIFE_MS = 7 * DAY_MS;

/** How a purchase's revenue is shared among its touchpoints (oldest first): weights summing to 1. */
export function weights(model: Model, touchTimes: number[], purchaseTs: number): number[] {
  const n = touchTimes.length;
  if (model === "last_click") return touchTimes.map((_, i) => (i === n - 1 ? 1 : 0));
  if (model === "linear") return touchTimes.map(() => 1 / n);
  const raw = touchTimes.map((t) => 2 ** (-(purchaseTs - t) / HALF_LIFE_MS));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

/** A touchpoint: a session of the visitor with campaign information, at the session's first event. */
export interface Touch {
  ts: number;
  seq: number;
  channel: string;
}

/** An event as a session's touchpoint sees it: whose it is and its own channel key (null: none). */
export interface TouchEvent {
  seq: number;
  ts: number;
  visitor: string | null;
  channel: string | null;
}

/**
 * The visitor's touchpoints among sessions (each a list of its events), each session seen over
 * [from, to) only: its first event there must be the visitor's, its UTM is its first campaign there.
 */
export function touchesOf(
  visitor: string,
  sessions: Iterable<readonly TouchEvent[]>,
  from = -Infinity,
  to = Infinity,
): Touch[] {
  const touches: Touch[] = [];
  for (const events of sessions) {
    const seen = events.filter((e) => e.ts >= from && e.ts < to).sort((a, b) => a.ts - b.ts || a.seq - b.seq);
    if (seen.length === 0 || seen[0]!.visitor !== visitor) continue;
    const tagged = seen.find((e) => e.channel !== null);
    if (tagged) touches.push({ ts: seen[0]!.ts, seq: seen[0]!.seq, channel: tagged.channel! });
  }
  return touches.sort((a, b) => a.ts - b.ts || a.seq - b.seq);
}

/** A purchase's credit per channel (orders: 1 for every channel given any), or undefined when no touchpoint is in the window. */
export function creditOf(
  purchase: { ts: number; revenue: number },
  touches: readonly Touch[],
  model: Model,
  windowDays: number,
) {
  const mine = touches.filter((t) => t.ts <= purchase.ts && t.ts >= purchase.ts - windowDays * DAY_MS);
  if (mine.length === 0) return undefined;
  const shares = weights(
    model,
    mine.map((t) => t.ts),
    purchase.ts,
  );
  const credit = new Map<string, number>();
  mine.forEach((t, i) => {
    if (shares[i] === 0) return;
    credit.set(t.channel, (credit.get(t.channel) ?? 0) + purchase.revenue * shares[i]!);
  });
  return credit;
}
