import { beforeEach, describe, expect, it, vi } from "vitest";
import { readCookie, writeCookie } from "./cookie.js";
import { loadVisit, saveVisit, type Visit } from "./identity.js";
import { SESSION_IDLE, touch } from "./session.js";

const SHOP = "https://shop.example/products/tee";

beforeEach(() => {
  localStorage.clear();
  writeCookie();
});

describe("touch", () => {
  it("starts a visit with new anonymous and session ids", () => {
    const v = touch(undefined, SHOP, "", 1000);
    expect(v).toMatchObject({
      a: expect.stringMatching(/^[0-9a-f-]{36}$/),
      s: expect.stringMatching(/^[0-9a-f-]{36}$/),
      t: 1000,
    });
    expect(v.a).not.toBe(v.s);
  });

  it("keeps the session while there is activity, and starts a new one after 30 minutes without", () => {
    const first = touch(undefined, SHOP, "", 0);
    const later = touch({ ...first }, SHOP, "", SESSION_IDLE);
    expect(later).toMatchObject({ a: first.a, s: first.s, t: SESSION_IDLE });
    const next = touch({ ...later }, SHOP, "", 2 * SESSION_IDLE + 1);
    expect(next.a).toBe(first.a);
    expect(next.s).not.toBe(first.s);
  });

  it("captures the campaign and an outside referrer when a session starts, and keeps them for it", () => {
    const v = touch(
      undefined,
      `${SHOP}?utm_source=newsletter&utm_medium=email&utm_campaign=spring&x=1`,
      "https://mail.example/inbox",
      0,
    );
    expect(v).toMatchObject({
      c: { utm_source: "newsletter", utm_medium: "email", utm_campaign: "spring" },
      r: "https://mail.example/inbox",
    });
    const inside = touch({ ...v }, "https://shop.example/cart", "https://shop.example/products/tee", 1000);
    expect(inside).toMatchObject({ s: v.s, c: v.c, r: v.r });
  });

  it("starts a new session when a new campaign arrives, not when the same one comes again", () => {
    const v = touch(undefined, `${SHOP}?utm_source=newsletter`, "", 0);
    expect(touch({ ...v }, `${SHOP}?utm_source=newsletter`, "", 1000).s).toBe(v.s);
    const ad = touch({ ...v }, `${SHOP}?utm_source=google&utm_medium=cpc`, "https://www.google.com/", 2000);
    expect(ad).toMatchObject({ a: v.a, c: { utm_source: "google", utm_medium: "cpc" }, r: "https://www.google.com/" });
    expect(ad.s).not.toBe(v.s);
  });

  it("leaves out the referrer of the shop's own pages", () => {
    expect(touch(undefined, SHOP, "https://shop.example/", 0).r).toBeUndefined();
  });

  it("keeps the user id across sessions", () => {
    const v = touch(undefined, SHOP, "", 0);
    expect(touch({ ...v, u: "user-9" }, SHOP, "", 10 * SESSION_IDLE).u).toBe("user-9");
  });
});

describe("the stored visit", () => {
  const visit: Visit = {
    a: "anon-1",
    s: "sess-1",
    t: 5,
    c: { utm_source: "newsletter", utm_campaign: "spring" },
    u: "user-9",
  };

  it("is kept in localStorage and mirrored in the _tally cookie", () => {
    saveVisit(visit);
    expect(loadVisit()).toEqual(visit);
    expect(document.cookie).toContain(
      `_tally=${encodeURIComponent("anon-1.sess-1.utm_source=newsletter&utm_campaign=spring")}`,
    );
  });

  it("writes the cookie format the README documents, which a server can read back", () => {
    writeCookie({ a: "0f8c", s: "9d3a", c: { utm_source: "news.letter", utm_medium: "e mail" } });
    const value = document.cookie.match(/_tally=([^;]*)/)![1]!;
    const [a, s, ...rest] = decodeURIComponent(value).split(".");
    expect([a, s, Object.fromEntries(new URLSearchParams(rest.join(".")))]).toEqual([
      "0f8c",
      "9d3a",
      { utm_source: "news.letter", utm_medium: "e mail" },
    ]);
    writeCookie({ a: "0f8c", s: "9d3a" });
    expect(document.cookie).toContain("_tally=0f8c.9d3a");
  });

  it("leaves a long campaign out of the cookie", () => {
    writeCookie({ a: "0f8c", s: "9d3a", c: { utm_campaign: "x".repeat(500) } });
    expect(document.cookie).toContain("_tally=0f8c.9d3a");
    expect(document.cookie).not.toContain("xxx");
  });

  it("falls back to the cookie's ids when localStorage is empty or blocked", () => {
    saveVisit(visit);
    localStorage.clear();
    expect(loadVisit()).toEqual({ a: "anon-1", s: "sess-1" });
    const storage = Object.getOwnPropertyDescriptor(window, "localStorage")!;
    Object.defineProperty(window, "localStorage", {
      configurable: true,
      get: () => {
        throw new DOMException("denied", "SecurityError");
      },
    });
    try {
      expect(loadVisit()).toEqual({ a: "anon-1", s: "sess-1" });
      expect(() => saveVisit({ ...visit, s: "sess-2" })).not.toThrow();
      expect(readCookie()).toEqual({ a: "anon-1", s: "sess-2" });
    } finally {
      Object.defineProperty(window, "localStorage", storage);
    }
  });

  it("is forgotten, cookie included", () => {
    saveVisit(visit);
    saveVisit();
    expect(loadVisit()).toBeUndefined();
    // max-age=0 removes it; happy-dom keeps it until the same millisecond is over, but empty.
    expect(document.cookie).not.toMatch(/_tally=[^;]/);
    expect(readCookie()).toBeUndefined();
  });
});

describe("the cookie's attributes", () => {
  it("are Secure on an https page, and not on an http one", () => {
    const written: string[] = [];
    Object.defineProperty(document, "cookie", {
      configurable: true,
      get: () => "",
      set: (value: string) => void written.push(value),
    });
    const visit = { a: "anon-1", s: "sess-1", t: 0 } as Visit;
    try {
      vi.stubGlobal("location", new URL("https://shop.example/"));
      writeCookie(visit);
      vi.stubGlobal("location", new URL("http://localhost:8080/"));
      writeCookie(visit);
    } finally {
      delete (document as { cookie?: string }).cookie;
      vi.unstubAllGlobals();
    }
    expect(written[0]).toMatch(/;samesite=lax;secure$/);
    expect(written[1]).toMatch(/;samesite=lax$/);
  });
});
