import { describe, expect, it } from "vitest";
import { coverDays, SPANS } from "./day-blocks.js";
import { funnelWalk } from "./funnel.js";
import { random } from "../test-support/scenario.js";

describe("day blocks", () => {
  it("cover any range of days exactly once, with aligned blocks, in few rows", () => {
    const rand = random(5);
    for (let n = 0; n < 500; n++) {
      const first = 20_000 + Math.floor(rand() * 800);
      const last = first + Math.floor(rand() * 400);
      const covered: number[] = [];
      const runs = coverDays(first, last);
      for (const run of runs) {
        expect(SPANS).toContain(run.span);
        expect(run.from % run.span).toBe(0);
        for (let day = run.from; day <= run.to; day += run.span)
          for (let d = day; d < day + run.span; d++) covered.push(d);
      }
      expect(covered.sort((a, b) => a - b)).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
      const blocks = runs.reduce((sum, r) => sum + (r.to - r.from) / r.span + 1, 0);
      expect(blocks).toBeLessThanOrEqual(7 + 7 + 7 + 7 + 7);
    }
  });
});

describe("funnel walk", () => {
  const e = (event_type: string, ts: number, day = 0) => ({ event_type, ts, day });

  it("takes each step at or after the one before, ties included", () => {
    // An add_to_cart at the same instant as the view counts (at or after); one before it does not.
    expect(funnelWalk([e("add_to_cart", 1), e("view_item", 5), e("add_to_cart", 5), e("view_cart", 9)], 0)).toEqual([
      0, 0, 0,
    ]);
    expect(funnelWalk([e("add_to_cart", 1), e("view_item", 5), e("view_cart", 9)], 0)).toEqual([0]);
  });

  it("starts on the given day and reports the day each step was done", () => {
    const events = [e("view_item", 1, 3), e("view_item", 10, 4), e("add_to_cart", 11, 4), e("view_cart", 20, 6)];
    expect(funnelWalk(events, 3)).toEqual([3, 4, 6]);
    expect(funnelWalk(events, 4)).toEqual([4, 4, 6]);
    expect(funnelWalk(events, 5)).toEqual([]);
  });
});
