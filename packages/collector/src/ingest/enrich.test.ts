import { describe, expect, it } from "vitest";
import { harness, NOW, TRACK } from "../test-support/harness.js";

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";
const IPAD = "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";
const ANDROID_TABLET = "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 Chrome/120 Safari/537.36";
const DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36";
const DAY = 86_400_000;

describe("enrichment", () => {
  it.each([
    [IPHONE, "mobile"],
    [IPAD, "tablet"],
    [ANDROID_TABLET, "tablet"],
    [DESKTOP, "desktop"],
  ])("reads the device of %s", async (ua, device) => {
    const h = await harness();
    await h.post(TRACK, { event_type: "view_cart" }, h.shop.publishable_key, { "user-agent": ua });
    expect(await h.rows("SELECT device_type, platform, user_agent FROM events")).toEqual([
      { device_type: device, platform: "web", user_agent: ua },
    ]);
  });

  it("lets the event's context name the device and platform", async () => {
    const h = await harness();
    await h.post(
      TRACK,
      { event_type: "view_cart", context: { device_type: "tablet", platform: "ios" } },
      h.shop.publishable_key,
      { "user-agent": DESKTOP },
    );
    expect(await h.rows("SELECT device_type, platform FROM events")).toEqual([
      { device_type: "tablet", platform: "ios" },
    ]);
  });

  it("does not take a server's own User-Agent for the shopper's", async () => {
    const h = await harness();
    await h.post(TRACK, { event_type: "view_cart" }, h.shop.secret_key, { "user-agent": "node" });
    expect(await h.rows("SELECT device_type, platform, user_agent FROM events")).toEqual([
      { device_type: null, platform: null, user_agent: null },
    ]);
  });

  it("takes the country from the trusted header, or from context with a secret key", async () => {
    const h = await harness({ countryHeader: "cf-ipcountry" });
    await h.post(TRACK, { event_type: "view_cart", context: { country: "FR" } }, h.shop.publishable_key, {
      "cf-ipcountry": "de",
    });
    await h.post(TRACK, { event_type: "view_cart", context: { country: "fr" } }, h.shop.secret_key, {
      "cf-ipcountry": "DE",
    });
    await h.post(TRACK, { event_type: "view_cart" }, h.shop.publishable_key, { "cf-ipcountry": "XX1" });
    expect((await h.rows("SELECT country FROM events ORDER BY seq")).map((r) => r.country)).toEqual(["DE", "FR", null]);
  });

  it("ignores a country header that was not named as trusted", async () => {
    const h = await harness();
    await h.post(TRACK, { event_type: "view_cart" }, h.shop.publishable_key, { "cf-ipcountry": "DE" });
    expect(await h.rows("SELECT country FROM events")).toEqual([{ country: null }]);
  });
});

describe("timestamps", () => {
  it("reads ISO 8601 with or without an offset (UTC) and makes a future one now", async () => {
    const h = await harness();
    await h.post(TRACK, { event_type: "view_cart", timestamp: "2026-03-14T10:00:00" }, h.shop.publishable_key);
    await h.post(TRACK, { event_type: "view_cart", timestamp: "2026-03-14T10:00:00+02:00" }, h.shop.publishable_key);
    await h.post(TRACK, { event_type: "view_cart", timestamp: "2027-01-01T00:00:00Z" }, h.shop.publishable_key);
    await h.post(TRACK, { event_type: "view_cart" }, h.shop.publishable_key);
    expect(await h.rows("SELECT ts, day FROM events ORDER BY seq")).toEqual([
      { ts: Date.parse("2026-03-14T10:00:00Z"), day: Math.floor(Date.parse("2026-03-14T10:00:00Z") / DAY) },
      { ts: Date.parse("2026-03-14T08:00:00Z"), day: Math.floor(Date.parse("2026-03-14T08:00:00Z") / DAY) },
      { ts: NOW, day: Math.floor(NOW / DAY) },
      { ts: NOW, day: Math.floor(NOW / DAY) },
    ]);
  });

  it("lets a publishable key back-date by at most 8 days and a secret key inside retention", async () => {
    const h = await harness();
    const at = (days: number) => new Date(NOW - days * DAY).toISOString();
    expect((await h.post(TRACK, { event_type: "view_cart", timestamp: at(7.9) }, h.shop.publishable_key)).status).toBe(
      200,
    );
    const old = await h.post(TRACK, { event_type: "view_cart", timestamp: at(8.1) }, h.shop.publishable_key);
    expect(old.status).toBe(400);
    expect(await old.json()).toEqual({
      error: "timestamp is more than 8 days in the past",
      code: "ingest.timestamp_too_old",
    });
    expect((await h.post(TRACK, { event_type: "view_cart", timestamp: at(300) }, h.shop.secret_key)).status).toBe(200);
    const beyond = await h.post(TRACK, { event_type: "view_cart", timestamp: at(366) }, h.shop.secret_key);
    expect((await beyond.json()).error).toBe("timestamp is older than the appspace's 365-day retention");
  });
});

describe("identities and order index", () => {
  it("stitches an anonymous id to a user id and counts the visitor's orders", async () => {
    const h = await harness();
    const pk = h.shop.publishable_key;
    await h.post(
      TRACK,
      {
        event_type: "purchase",
        transaction_id: "o1",
        revenue: 1,
        anonymous_id: "anon-1",
        timestamp: "2026-03-10T00:00:00Z",
      },
      pk,
    );
    await h.post(TRACK, { event_type: "view_cart", anonymous_id: "anon-1", user_id: "u1" }, pk);
    await h.post(
      TRACK,
      { event_type: "purchase", transaction_id: "o2", revenue: 1, user_id: "u1", timestamp: "2026-03-11T00:00:00Z" },
      pk,
    );
    await h.post(
      TRACK,
      {
        event_type: "purchase",
        transaction_id: "o3",
        revenue: 1,
        anonymous_id: "anon-1",
        timestamp: "2026-03-12T00:00:00Z",
      },
      pk,
    );
    await h.post(TRACK, { event_type: "purchase", transaction_id: "o4", revenue: 1, anonymous_id: "anon-2" }, pk);
    expect(await h.rows("SELECT anonymous_id, user_id FROM identities")).toEqual([
      { anonymous_id: "anon-1", user_id: "u1" },
    ]);
    expect(
      await h.rows(
        "SELECT transaction_id, customer_order_index FROM events WHERE event_type = 'purchase' ORDER BY seq",
      ),
    ).toEqual([
      { transaction_id: "o1", customer_order_index: 1 },
      { transaction_id: "o2", customer_order_index: 2 },
      { transaction_id: "o3", customer_order_index: 3 },
      { transaction_id: "o4", customer_order_index: 1 },
    ]);
  });
});
