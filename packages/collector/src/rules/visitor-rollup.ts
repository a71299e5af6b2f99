import { creditOf, MODELS, touchesOf, WINDOWS, type TouchEvent } from "./attribution.js";
import type { Contribution } from "./contribution.js";
import { FUNNEL_STEPS, funnelWalk } from "./funnel.js";

/**
 * The model and window of a `credit_days` row that counts, unattributed, under every model and
 * window: an attribution query adds it to the rows of the model and window it asks for.
 */
export const UNATTRIBUTED_EVERYWHERE = ["", 0] as const;

/** One of the visitor's own events. */
export interface VisitorEvent {
  seq: number;
  ts: number;
  day: number;
  event_type: string;
  revenue_base: number | null;
}

const byTime = (a: { ts: number; seq: number }, b: { ts: number; seq: number }) => a.ts - b.ts || a.seq - b.seq;
const monthOf = (ts: number) => {
  const d = new Date(ts);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

/** Each distinct day with its previous one (-1 for the first). */
function dayChain(days: Iterable<number>): Array<[number, number]> {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  return sorted.map((d, i) => [d, i === 0 ? -1 : sorted[i - 1]!]);
}

/** A visitor whose attribution a range decides, as kept: purchases [ts, revenue], sessions' events [ts, seq, own (1/0), channel]. */
export interface LiveVisitor {
  purchases: Array<[number, number]>;
  sessions: Array<Array<[number, number, number, string | null]>>;
}

export interface VisitorInput {
  visitor: string;
  events: readonly VisitorEvent[];
  /** Every session holding one of the visitor's events, whole. */
  sessions: ReadonlyArray<readonly (TouchEvent & { day: number })[]>;
}

/**
 * What a visitor adds to the range-independent tables. A range [a, b] counts a visitor once, from
 * its first active day in the range: a day d ≥ a whose previous active day is before a. So
 * viewers/adders are kept per (day, previous day), and the funnel walk begun on each active day
 * per (day, previous day, step, day the step was done). Attribution credit is kept per purchase
 * unless one of the visitor's sessions spans days (then a range can cut it, and the query
 * evaluates the visitor itself). Cohorts: the month of the first purchase.
 */
export function visitorContribution({ visitor, events, sessions }: VisitorInput): Contribution[] {
  const out: Contribution[] = [];
  const sorted = [...events].sort(byTime);
  for (const kind of ["view_item", "add_to_cart"]) {
    for (const [day, prev] of dayChain(sorted.filter((e) => e.event_type === kind).map((e) => e.day))) {
      out.push({ t: "visitor_days", k: [kind, day, prev], v: [1] });
    }
  }
  const steps = sorted.filter((e) => (FUNNEL_STEPS as readonly string[]).includes(e.event_type));
  for (const [day, prev] of dayChain(steps.map((e) => e.day))) {
    funnelWalk(steps, day).forEach((doneDay, step) =>
      out.push({ t: "funnel_starts", k: [day, prev, step, doneDay], v: [1] }),
    );
  }

  const purchases = sorted
    .filter((e) => e.event_type === "purchase")
    .map((e) => ({ ...e, revenue: e.revenue_base ?? 0 }));
  if (purchases.length === 0) return out;
  const cohort = Math.min(...purchases.map((p) => monthOf(p.ts)));
  out.push({ t: "cohort_cells", k: [cohort, cohort], v: [1, 0] });
  for (const p of purchases) out.push({ t: "cohort_cells", k: [cohort, monthOf(p.ts)], v: [0, p.revenue] });

  // Only a session with campaign information can be a touchpoint, however a range cuts it.
  const tagged = sessions.filter((s) => s.some((e) => e.channel !== null));
  if (tagged.some((s) => s.some((e) => e.day !== s[0]!.day))) {
    for (const day of new Set(purchases.map((p) => p.day))) out.push({ t: "live_purchases", k: [day, visitor], v: [] });
    // In time order, sessions by their first event: the same rows however the events were read.
    const ordered = tagged.map((s) => [...s].sort(byTime)).sort((a, b) => byTime(a[0]!, b[0]!));
    const live: LiveVisitor = {
      purchases: purchases.map((p) => [p.ts, p.revenue]),
      sessions: ordered.map((s) => s.map((e) => [e.ts, e.seq, e.visitor === visitor ? 1 : 0, e.channel])),
    };
    out.push({ t: "live_visitors", k: [visitor], v: [JSON.stringify(live)] });
    return out;
  }
  const touches = touchesOf(visitor, sessions);
  for (const p of purchases) {
    const rows: Contribution[] = [];
    for (const win of WINDOWS) {
      for (const model of MODELS) {
        const credit = creditOf(p, touches, model, win);
        if (!credit) rows.push({ t: "credit_days", k: [model, win, p.day, ""], v: [p.revenue, 1] });
        else
          for (const [channel, revenue] of credit)
            rows.push({ t: "credit_days", k: [model, win, p.day, channel], v: [revenue, 1] });
      }
    }
    // A purchase no model credits in any window (no touchpoint: most server-side and imported
    // orders) is one row for all of them rather than fifteen.
    const everywhere = rows.every((r) => r.k[3] === "");
    if (everywhere) out.push({ t: "credit_days", k: [...UNATTRIBUTED_EVERYWHERE, p.day, ""], v: [p.revenue, 1] });
    else out.push(...rows);
  }
  return out;
}

/**
 * The sessions a visitor's events belong to, each whole and once (`sessionOf` gives a session's
 * events); an event without a session id is a session of its own (`alone`).
 */
export function sessionsOfEvents<E extends { session_id: string | null }, S>(
  events: readonly E[],
  sessionOf: (id: string) => S[],
  alone: (e: E) => S,
): S[][] {
  const seen = new Set<string>();
  const whole: S[][] = [];
  for (const e of events) {
    if (e.session_id === null) whole.push([alone(e)]);
    else if (!seen.has(e.session_id)) {
      seen.add(e.session_id);
      whole.push(sessionOf(e.session_id));
    }
  }
  return whole;
}
