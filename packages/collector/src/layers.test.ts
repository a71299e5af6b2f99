// The collector's layering, as imports show it: `model/` at the bottom imports no feature
// folder; the stores hold SQL and driver code over the ports and rules, and import no feature
// above them; the PostgreSQL store imports nothing from the SQLite one. Tests are left out.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = dirname(fileURLToPath(import.meta.url));

/** Every non-test source file under `folder`, with the src-relative paths it imports. */
function importsUnder(folder: string): Array<{ file: string; imports: string[] }> {
  const root = join(SRC, folder);
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.includes(".test"))
    .map((f) => {
      const file = join(root, f);
      const imports = [...readFileSync(file, "utf8").matchAll(/from "(\.{1,2}\/[^"]+)"/g)].map((m) =>
        relative(SRC, resolve(dirname(file), m[1]!)),
      );
      return { file: relative(SRC, file), imports };
    });
}

const offending = (folder: string, banned: RegExp) =>
  importsUnder(folder).flatMap(({ file, imports }) =>
    imports.filter((i) => banned.test(i)).map((i) => `${file} → ${i}`),
  );

describe("layers", () => {
  it("model/ imports nothing outside itself", () => {
    expect(offending("model", /^(?!model\/)/)).toEqual([]);
  });

  it("no store imports policies/, webhooks/, queries/ or ingest/", () => {
    expect(offending("stores", /^(policies|webhooks|queries|ingest)\//)).toEqual([]);
  });

  it("the PostgreSQL store imports nothing from the SQLite one", () => {
    expect(offending("stores/postgres", /^stores\/sqlite\//)).toEqual([]);
  });
});
