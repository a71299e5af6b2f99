/** Block lengths in days, longest last: a block of span s starts on a day that is a multiple of s. */
export const SPANS = [1, 8, 64] as const;

/** The block of each span that holds `day`. */
export const blocksOf = (day: number) => SPANS.map((span) => ({ span, day: Math.floor(day / span) * span }));

/**
 * The fewest aligned blocks covering the days `first`..`last` exactly, as runs of one span:
 * `{ span, from, to }` covers the blocks starting on `from`, `from + span`, … `to`.
 * A year takes at most about 30 blocks, whatever the traffic.
 */
export function coverDays(first: number, last: number): Array<{ span: number; from: number; to: number }> {
  const runs: Array<{ span: number; from: number; to: number }> = [];
  const cover = (a: number, b: number, level: number) => {
    if (a > b) return;
    const span = SPANS[level]!;
    if (level === 0) return void runs.push({ span, from: a, to: b });
    const from = Math.ceil(a / span) * span;
    const to = Math.floor((b + 1) / span) * span - span;
    if (from > to) return cover(a, b, level - 1);
    runs.push({ span, from, to });
    cover(a, from - 1, level - 1);
    cover(to + span, b, level - 1);
  };
  cover(first, last, SPANS.length - 1);
  return runs;
}
