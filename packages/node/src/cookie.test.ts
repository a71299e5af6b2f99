import { describe, expect, it } from "vitest";
import { sessionFromCookie, visitFromCookie } from "./cookie.js";

const anonymous = "0f8c5a12-3b4c-4d5e-8f60-718293a4b5c6";
const session = "9d3a77b0-1c2d-4e3f-8a4b-5c6d7e8f9a0b";
// The value exactly as the browser SDK writes it: encodeURIComponent of "<anonymous>.<session>".
const value = encodeURIComponent(`${anonymous}.${session}`);
const withCampaign = encodeURIComponent(
  `${anonymous}.${session}.${new URLSearchParams({ utm_source: "newsletter", utm_campaign: "spring" })}`,
);

describe("sessionFromCookie", () => {
  it("reads _tally from a whole Cookie header, wherever it stands", () => {
    const expected = { anonymous_id: anonymous, session_id: session };
    expect(sessionFromCookie(`_tally=${value}`)).toEqual(expected);
    expect(sessionFromCookie(`theme=dark; _tally=${value}; cart=7`)).toEqual(expected);
    expect(sessionFromCookie(`theme=dark;_tally=${value}`)).toEqual(expected);
    expect(sessionFromCookie(`x_tally=nope; _tally=${value}`)).toEqual(expected);
  });

  it("reads the bare value, encoded or already decoded, and leaves the campaign part out", () => {
    expect(sessionFromCookie(value)).toEqual({ anonymous_id: anonymous, session_id: session });
    expect(sessionFromCookie(`${anonymous}.${session}`)).toEqual({ anonymous_id: anonymous, session_id: session });
    expect(sessionFromCookie(`a=1; _tally=${withCampaign}`)).toEqual({ anonymous_id: anonymous, session_id: session });
  });

  it("answers null for no cookie or one the SDK did not write", () => {
    for (const header of [
      undefined,
      null,
      "",
      "theme=dark",
      "theme=dark; cart=7",
      "_tally=",
      `_tally=${anonymous}`,
      "_tally=%E0%A4%A",
      "_tally=a%3Db.c",
      "x_tally=a.b",
    ]) {
      expect(sessionFromCookie(header), String(header)).toBeNull();
    }
  });
});

describe("visitFromCookie", () => {
  it("also reads the session's campaign the SDK appends, dots and all", () => {
    const campaign = { utm_source: "t.co", utm_medium: "social", utm_campaign: "spring sale 2.0" };
    const header = `_tally=${encodeURIComponent(`${anonymous}.${session}.${new URLSearchParams(campaign)}`)}`;
    expect(visitFromCookie(header)).toEqual({ anonymous_id: anonymous, session_id: session, campaign });
    expect(sessionFromCookie(header)).toEqual({ anonymous_id: anonymous, session_id: session });
  });

  it("keeps only the utm_ parameters, and none when the cookie has no campaign", () => {
    expect(visitFromCookie(`${anonymous}.${session}.utm_source=mail&gclid=abc&utm_term=`)).toEqual({
      anonymous_id: anonymous,
      session_id: session,
      campaign: { utm_source: "mail" },
    });
    expect(visitFromCookie(value)).toEqual({ anonymous_id: anonymous, session_id: session });
  });
});
