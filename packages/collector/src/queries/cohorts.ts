import type { Store } from "../store.js";
import { money } from "./rounding.js";

const monthOf = (ts: number) => {
  const d = new Date(ts);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};
const monthName = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;

/**
 * Cohorts by the UTC month of a visitor's first purchase ever: the `months` most recent cohort
 * months with users, newest first; revenue_by_month[k] is the cohort's purchase revenue in month
 * cohort + k, for every k up to the current month. avg_ltv = the listed cohorts' revenue / users.
 */
export async function cohorts(store: Store, appspace: number, months: number, now: number, currency: string) {
  const purchases = (await store.allPurchases(appspace)).filter((p) => p.visitor !== null);
  const first = new Map<string, number>();
  for (const p of purchases) first.set(p.visitor!, Math.min(first.get(p.visitor!) ?? Infinity, monthOf(p.ts)));
  const current = monthOf(now);
  const byCohort = new Map<number, { users: number; revenue: number[] }>();
  for (const cohort of first.values()) {
    const row = byCohort.get(cohort) ?? { users: 0, revenue: new Array(current - cohort + 1).fill(0) };
    row.users += 1;
    byCohort.set(cohort, row);
  }
  for (const p of purchases) {
    const cohort = first.get(p.visitor!)!;
    byCohort.get(cohort)!.revenue[monthOf(p.ts) - cohort]! += p.revenue;
  }
  const listed = [...byCohort.entries()].sort(([a], [b]) => b - a).slice(0, months);
  let users = 0;
  let revenue = 0;
  const rows = listed.map(([month, row]) => {
    users += row.users;
    revenue += row.revenue.reduce((a, b) => a + b, 0);
    return {
      month: monthName(month),
      users: row.users,
      revenue_by_month: Object.fromEntries(row.revenue.map((r, k) => [String(k), money(r, currency)])),
    };
  });
  return { cohorts: rows, avg_ltv: users === 0 ? 0 : money(revenue / users, currency), total_purchasing_users: users };
}
