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
 * Read from the cells kept per (cohort, month) as purchases arrive.
 */
export async function cohorts(store: Store, appspace: number, months: number, now: number, currency: string) {
  const current = monthOf(now);
  const byCohort = new Map<number, { users: number; revenue: number[] }>();
  const cells = await store.cohortCells(appspace);
  for (const c of cells) {
    if (c.users <= 0) continue;
    byCohort.set(c.cohort, { users: c.users, revenue: new Array(Math.max(0, current - c.cohort + 1)).fill(0) });
  }
  for (const c of cells) {
    const row = byCohort.get(c.cohort);
    if (row && c.month - c.cohort < row.revenue.length) row.revenue[c.month - c.cohort]! += c.revenue;
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
