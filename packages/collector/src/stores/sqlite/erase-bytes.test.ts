// store-suite: sqlite only, because it reads the bytes of the database and inbox files for what erase left behind.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { harness } from "../../test-support/harness.js";
import { erase, NEEDLES, person } from "../../test-support/erase-person.js";

// SQLite only: the files are the store's own (PostgreSQL's are its server's).
describe("erase on SQLite", () => {
  it("no byte of the SQLite files (database, inbox, their write-ahead logs) holds the person afterwards", async () => {
    const h = await harness({ kind: "sqlite", file: join(mkdtempSync(join(tmpdir(), "tally-erase-")), "shop.db") });
    await person(h);
    expect((await erase(h)).status).toBe(200);
    const dir = join(h.db.name, "..");
    const files = readdirSync(dir).map((f) => join(dir, f));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of NEEDLES) expect(bytes.includes(Buffer.from(needle)), `${file} holds ${needle}`).toBe(false);
    }
  });
});
