import { describe, expect, it } from "vitest";
import { parseLosslessJson } from "./lossless-json.js";

describe("parseLosslessJson", () => {
  it("keeps integers past 2^53 exactly as their digits, and leaves safe numbers, decimals and strings alone", () => {
    const text =
      '{"id": 9007199254740993123, "n": -12345678901234567890, "safe": 632910392, "price": "25.00", "total": 86.5, "e": 1e21, "note": "id: 9007199254740993123, \\"quoted\\" 99999999999999999999", "list": [18446744073709551617]}';
    expect(parseLosslessJson(text)).toEqual({
      id: "9007199254740993123",
      n: "-12345678901234567890",
      safe: 632910392,
      price: "25.00",
      total: 86.5,
      e: 1e21,
      note: 'id: 9007199254740993123, "quoted" 99999999999999999999',
      list: ["18446744073709551617"],
    });
  });

  it("throws on text that is not JSON, as JSON.parse does", () => {
    expect(() => parseLosslessJson("{ not json")).toThrow(SyntaxError);
  });
});
