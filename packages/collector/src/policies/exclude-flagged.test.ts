// exclude_flagged against the reference model: an appspace that allows only USD and EUR gets the
// scenario's JPY events flagged (browser and server copies, carts, late events, merges); every
// endpoint answers over all events by default and over the unflagged ones with
// exclude_flagged=true, and the read model the projector kept equals a recomputation.
import { describe, expect, it } from "vitest";
import { BATCH, harness } from "../test-support/harness.js";
import { stored } from "../test-support/reference-events.js";
import { expectAnswersLikeReference, expectSameAsRebuilt } from "../test-support/read-model-check.js";
import { BROWSER_USER_AGENT } from "../test-support/browser.js";
import { scenario, type Sent } from "../test-support/scenario.js";

const ALLOWED = ["USD", "EUR"];
/** The currency_restricted rule, as the reference model sees it. */
const restricted = (body: Record<string, any>) =>
  [body.currency, ...(body.items ?? []).map((i: { currency?: string }) => i.currency)].some(
    (c) => c !== undefined && !ALLOWED.includes(c),
  );

describe("exclude_flagged", () => {
  it.each([7, 23])(
    "answers like the reference model over unflagged events, and counts flagged ones by default (seed %i)",
    async (seed) => {
      const h = await harness();
      await h.store.updateAppspace(h.shop.id, {
        currencies: ALLOWED.join(","),
        fraud: JSON.stringify({ impossible_revenue: "off", velocity: "off" }),
      });
      const sent: Sent[] = scenario(seed, 30);
      for (let i = 0; i < sent.length; i += 40) {
        for (const kind of ["pk", "sk"] as const) {
          const events = sent
            .slice(i, i + 40)
            .filter((s) => s.key === kind)
            .map((s) => s.body);
          if (!events.length) continue;
          const res = await h.post(BATCH, { events }, kind === "pk" ? h.shop.publishable_key : h.shop.secret_key, {
            "user-agent": BROWSER_USER_AGENT,
          });
          expect(((await res.json()) as { accepted: number }).accepted).toBe(events.length);
        }
      }
      const all = stored(sent, "USD", restricted);
      const unflagged = all.filter((e) => !e.flagged);
      expect(unflagged.length).toBeLessThan(all.length);
      expect(unflagged.filter((e) => e.type === "purchase").length).toBeGreaterThan(0);
      await expectSameAsRebuilt(h);
      await expectAnswersLikeReference(h, all);
      await expectAnswersLikeReference(h, unflagged, { all, query: "exclude_flagged=true" });

      const flagged = (await (
        await h.app.request("/v1/api/analytics/ecommerce/flagged?days=365", {
          headers: { authorization: `Bearer ${h.shop.secret_key}` },
        })
      ).json()) as { events: Array<{ rules: string[] }> };
      expect(flagged.events).toHaveLength(all.filter((e) => e.flagged).length);
      expect(new Set(flagged.events.map((e: { rules: string[] }) => e.rules.join()))).toEqual(
        new Set(["currency_restricted"]),
      );
    },
    60_000,
  );
});
