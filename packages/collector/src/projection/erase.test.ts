import { describe, expect, it } from "vitest";
import { harness, NOW } from "../test-support/harness.js";
import { erase, NEEDLES, person } from "../test-support/erase-person.js";

const DAY = 86_400_000;

describe("erase leaves nothing", () => {
  it("no row of any table holds the person, and no webhook about them is left to send", async () => {
    const h = await harness();
    await person(h);
    expect((await erase(h)).status).toBe(200);
    const dump = JSON.stringify(await Promise.all((await h.tables()).map((name) => h.rows(`SELECT * FROM "${name}"`))));
    for (const needle of NEEDLES) expect(dump).not.toContain(needle);
    // The other person's event in an entry moved aside is kept, alone.
    const aside = (await h.rows<{ body: string }>("SELECT body FROM inbox_rejected")).map((r) => r.body);
    expect(aside).toHaveLength(1);
    expect(JSON.parse(aside[0]!).b).toEqual([{ event_type: "purchase", user_id: "kept-aside-person" }]);
    // The other order's delivery is still there to send.
    expect(JSON.stringify(await h.rows("SELECT body FROM webhook_deliveries"))).toContain("o-keep");
    expect(await h.store.claimDeliveries(NOW + DAY, 60_000, 100)).not.toContainEqual(
      expect.objectContaining({ body: expect.stringContaining("erase-me-42") }),
    );
  });
});
