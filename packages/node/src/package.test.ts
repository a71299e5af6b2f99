// The build as npm users get it: ESM with its types, every export documented with an example.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

describe("the package", () => {
  it("exports files that exist", () => {
    for (const target of [pkg.main, pkg.types, pkg.exports["."].import, pkg.exports["."].types]) {
      expect(existsSync(join(ROOT, target)), target).toBe(true);
    }
  });

  it("is ESM that imports ky and @tally/schema rather than carrying them", async () => {
    const code = readFileSync(join(ROOT, "dist/sender.js"), "utf8");
    expect(code).toMatch(/from "ky"/);
    expect(readFileSync(join(ROOT, "dist/fields.js"), "utf8")).toMatch(/from "@tally\/schema"/);
    const built = await import(pathToFileURL(join(ROOT, pkg.exports["."].import)).href);
    expect(Object.keys(built).sort()).toEqual(
      [
        "createClient",
        "orderEventId",
        "sessionFromCookie",
        "TallyError",
        "TallyRejectedError",
        "TallyRetryAfterError",
        "TallyUnreachableError",
        "TallyUsageError",
      ].sort(),
    );
  });

  it("documents every export of its entry point with an @example", () => {
    const program = ts.createProgram([join(ROOT, pkg.types)], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
    });
    const checker = program.getTypeChecker();
    const entry = program.getSourceFile(join(ROOT, pkg.types))!;
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(entry)!);
    expect(exports.length).toBeGreaterThan(15);
    const undocumented = exports
      .map((symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol))
      .filter((symbol) => !symbol.getJsDocTags().some((tag) => tag.name === "example"))
      .map((symbol) => symbol.getName());
    expect(undocumented).toEqual([]);
  });
});
