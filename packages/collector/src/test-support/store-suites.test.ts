import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { postgresSuites } from "../../vitest.postgres.config.js";

describe("the PostgreSQL run's suites", () => {
  it("are every suite that opens its store through the harness, unless it says why it is SQLite's only", () => {
    const root = mkdtempSync(join(tmpdir(), "tally-suites-"));
    const write = (file: string, text: string) => {
      mkdirSync(join(root, file, ".."), { recursive: true });
      writeFileSync(join(root, file), text);
    };
    write("src/a/harnessed.test.ts", "const h = await harness({ quota: 1 });\n");
    write("src/a/stores.test.ts", "const s = await openTestStore();\n");
    write("src/a/pure.test.ts", "expect(reasonOf('x')).toBe('x');\n");
    write(
      "src/a/files.test.ts",
      "// store-suite: sqlite only, because it reads the database file's bytes.\nconst h = await harness();\n",
    );
    write("src/a/unsaid.test.ts", "// store-suite: sqlite only\nconst h = await harness();\n");
    write("src/stores/postgres/own.test.ts", "startCluster();\n");
    write("src/a/helper.ts", "harness();\n");
    expect(postgresSuites(root).sort()).toEqual(
      [
        "src/a/harnessed.test.ts",
        "src/a/stores.test.ts",
        "src/a/unsaid.test.ts",
        "src/stores/postgres/own.test.ts",
      ].sort(),
    );
  });

  it("include the suites that go through the harness in this package", () => {
    const suites = postgresSuites();
    for (const suite of [
      "src/policies/quota.test.ts",
      "src/auth/route-requirements.test.ts",
      "src/queries/queries.test.ts",
    ])
      expect(suites).toContain(suite);
    expect(suites).not.toContain("src/stores/sqlite/erase-bytes.test.ts");
    expect(suites).not.toContain("src/cli.test.ts");
  });
});
