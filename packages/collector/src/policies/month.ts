/** A UTC calendar month as one number: year × 12 + month index. */
export const monthOf = (ms: number) => {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

/** Whole seconds from `ms` until the UTC month it falls in ends (at least 1). */
export function secondsToMonthEnd(ms: number): number {
  const d = new Date(ms);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return Math.max(1, Math.ceil((end - ms) / 1000));
}
