import { afterEach, describe, expect, it, vi } from "vitest";
import { campaignOf, deviceType, pageContext } from "./context.js";

afterEach(() => {
  vi.unstubAllGlobals();
  document.title = "";
  history.replaceState(null, "", "/");
});

function device(coarse: boolean, width: number, height: number) {
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: query === "(pointer:coarse)" && coarse }));
  vi.stubGlobal("screen", { width, height });
  return deviceType();
}

describe("deviceType", () => {
  it("tells phones, tablets and desktops apart by the main pointer and the screen", () => {
    expect(device(true, 390, 844)).toBe("mobile");
    expect(device(true, 844, 390)).toBe("mobile"); // a phone held sideways
    expect(device(true, 820, 1180)).toBe("tablet"); // an iPad, whatever its User-Agent says
    expect(device(false, 1920, 1080)).toBe("desktop");
    expect(device(false, 390, 844)).toBe("desktop"); // a narrow desktop window is still a desktop
  });
});

describe("campaignOf", () => {
  it("reads the five UTM parameters, and nothing when there are none", () => {
    expect(
      campaignOf("https://s.example/?utm_source=a&utm_medium=b&utm_campaign=c&utm_term=d&utm_content=e&utm_other=f"),
    ).toEqual({
      utm_source: "a",
      utm_medium: "b",
      utm_campaign: "c",
      utm_term: "d",
      utm_content: "e",
    });
    expect(campaignOf("https://s.example/?utm_source=")).toBeUndefined();
    expect(campaignOf("https://s.example/")).toBeUndefined();
  });
});

describe("pageContext", () => {
  it("describes the page, the device and the session's campaign and referrer", () => {
    history.replaceState(null, "", "/checkout/thanks?order=1");
    document.title = "Thank you";
    expect(pageContext({ a: "a", s: "s", c: { utm_source: "newsletter" }, r: "https://mail.example/" })).toEqual({
      page_url: `${location.origin}/checkout/thanks?order=1`,
      page_path: "/checkout/thanks",
      page_title: "Thank you",
      referrer: "https://mail.example/",
      utm_source: "newsletter",
      device_type: "desktop",
      platform: "web",
      locale: navigator.language,
    });
  });

  it("cuts text to the collector's limits rather than have the event refused", () => {
    history.replaceState(null, "", "/p?q=" + "x".repeat(3000));
    document.title = "t".repeat(600);
    const context = pageContext({ a: "a", s: "s", r: "https://r.example/" + "y".repeat(3000) });
    expect(context.page_url).toHaveLength(2048);
    expect(context.page_title).toHaveLength(500);
    expect(context.referrer).toHaveLength(2048);
    expect(campaignOf("https://s.example/?utm_campaign=" + "z".repeat(600))!.utm_campaign).toHaveLength(500);
  });
});
