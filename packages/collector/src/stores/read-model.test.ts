import { describe, expect, it } from "vitest";
import { BATCH, harness, type Harness } from "../test-support/harness.js";
import { stored, type Ev } from "../test-support/reference-events.js";
import { random, scenario, type Sent } from "../test-support/scenario.js";
import { expectAnswersLikeReference, expectSameAsRebuilt } from "../test-support/read-model-check.js";
import { createProjector } from "../projector/projector.js";

async function send(h: Harness, chunk: Sent[]) {
  for (const kind of ["pk", "sk"] as const) {
    const events = chunk.filter((s) => s.key === kind).map((s) => s.body);
    if (!events.length) continue;
    const res = await h.post(BATCH, { events }, kind === "pk" ? h.shop.publishable_key : h.shop.secret_key);
    expect((await res.json()).accepted).toBe(events.length);
  }
}

async function erase(h: Harness, user: string) {
  const res = await h.app.request(`/v1/api/analytics/user/${user}`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${h.shop.secret_key}` },
  });
  expect(res.status).toBe(200);
}

/** The reference's events after an erase: the user's, their stitched anonymous ids', and those of any email on them. */
function erased(events: Ev[], user: string): Ev[] {
  const stitch = new Map<string, string>();
  for (const e of [...events].sort((x, y) => x.order - y.order))
    if (e.anon && e.user && !stitch.has(e.anon)) stitch.set(e.anon, e.user);
  const gone = events.filter((e) => e.user === user || (e.anon && stitch.get(e.anon) === user));
  const emails = new Set(gone.map((e) => e.email).filter(Boolean));
  return events.filter((e) => !gone.includes(e) && !(e.email && emails.has(e.email)));
}

/** User ids that made a purchase. */
const buyers = (sent: Sent[]) => [
  ...new Set(
    sent.filter((s) => s.body.event_type === "purchase" && s.body.user_id).map((s) => s.body.user_id as string),
  ),
];

/** Chunks of random sizes, in a random mix of arrival orders. */
function chunks(sent: Sent[], rand: () => number): Sent[][] {
  const out: Sent[][] = [];
  for (let i = 0; i < sent.length; ) {
    const n = 1 + Math.floor(rand() * 60);
    out.push(sent.slice(i, i + n));
    i += n;
  }
  return out;
}

describe("the read model kept by the projector", () => {
  it.each([3, 11, 29])(
    "equals a recomputation after random ingests, merges and erases (seed %i)",
    async (seed) => {
      const rand = random(seed);
      const h = await harness();
      const sent = scenario(seed, 14);
      const users = buyers(sent);
      for (const chunk of chunks(sent, rand)) {
        await send(h, chunk);
        if (rand() < 0.15) await expectSameAsRebuilt(h);
        if (rand() < 0.05) await erase(h, users[Math.floor(rand() * users.length)]!);
      }
      await erase(h, users[0]!);
      await expectSameAsRebuilt(h);
    },
    30_000,
  );

  it.each([5, 17])(
    "answers like the reference model after late events and an erase (seed %i)",
    async (seed) => {
      const h = await harness();
      const sent = scenario(seed, 24);
      for (const chunk of chunks(sent, random(seed + 1))) await send(h, chunk);
      // One who bought under their own id, and one a server reported with an email.
      const gone = [
        buyers(sent).find((u) => u.startsWith("user-"))!,
        buyers(sent).find((u) => u.startsWith("server-user-"))!,
      ];
      for (const user of gone) await erase(h, user);
      await expectSameAsRebuilt(h);
      const events = gone.reduce(erased, stored(sent, "USD"));
      await expectAnswersLikeReference(h, events);
    },
    30_000,
  );

  it.each([1, 7, 5000])(
    "does not depend on where slices end: everything acknowledged first, then projected %i events a step",
    async (sliceEvents) => {
      const h = await harness({ sliceEvents });
      await h.app.projector.stop();
      const sent = scenario(5, 24);
      for (const chunk of chunks(sent, random(6))) await send(h, chunk);
      expect((await h.store.positions()).backlogEvents).toBe(sent.length);
      const projector = createProjector({ store: h.store, sliceEvents, log: () => {} });
      await projector.drain();
      await projector.stop();
      const gone = [
        buyers(sent).find((u) => u.startsWith("user-"))!,
        buyers(sent).find((u) => u.startsWith("server-user-"))!,
      ];
      for (const user of gone) await erase(h, user);
      await expectSameAsRebuilt(h);
      await expectAnswersLikeReference(h, gone.reduce(erased, stored(sent, "USD")));
    },
    60_000,
  );
});
