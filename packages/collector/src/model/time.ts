/** A UTC day in milliseconds; day numbers are epoch ms / DAY_MS. */
export const DAY_MS = 86_400_000;

/** A range of whole UTC days, inclusive: `startDay`..`endDay` are day numbers (ms / 86,400,000). */
export interface DayRange {
  startDay: number;
  endDay: number;
  /** Days in the range after clamping. */
  days: number;
  startMs: number;
  /** Exclusive end in epoch ms. */
  endMs: number;
}
