import { describe, expect, it } from "vitest";
import { createPackageAssets } from "../assets/package-assets.js";
import { readBuiltDashboard } from "./built-files.js";

// The real build of @tally/dashboard, as the collector's package carries and serves it.
describe("the built dashboard", () => {
  const built = readBuiltDashboard(createPackageAssets().dashboard()!);
  const html = built.index.body.toString("utf8");

  it("names only files it ships, from its own origin", () => {
    const referenced = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    const local = referenced.filter((url) => url !== "data:,");
    expect(local.length).toBe(2);
    for (const url of local) {
      expect(url).toMatch(/^\/dashboard\/assets\//);
      expect(built.assets.has(url.replace("/dashboard/assets/", ""))).toBe(true);
    }
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("has nothing inline that the CSP would refuse", () => {
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect([...built.assets.keys()].map((name) => name.split(".").at(-1)).sort()).toEqual(["css", "js"]);
  });
});
