import { describe, expect, it } from "vitest";
import { toCsv, type Column } from "./csv.js";

interface Row {
  code: string | null;
  revenue: number;
}
const columns: Column<Row>[] = [
  { label: "Coupon", value: (r) => r.code },
  { label: "Revenue", value: (r) => r.revenue, numeric: true },
];

describe("CSV", () => {
  it("keeps raw numbers and empty cells for nulls", () => {
    expect(
      toCsv(columns, [
        { code: "SAVE10", revenue: 1234.5 },
        { code: null, revenue: 0 },
      ]),
    ).toBe("Coupon,Revenue\r\nSAVE10,1234.5\r\n,0\r\n");
  });

  it("quotes commas, quotes and line breaks", () => {
    expect(toCsv(columns, [{ code: 'a,"b"\nc', revenue: 1 }])).toBe('Coupon,Revenue\r\n"a,""b""\nc",1\r\n');
  });

  it("does not let a text cell run as a spreadsheet formula", () => {
    expect(toCsv(columns, [{ code: "=HYPERLINK(1)", revenue: 1 }])).toBe("Coupon,Revenue\r\n'=HYPERLINK(1),1\r\n");
    expect(toCsv(columns, [{ code: "\t=1+1", revenue: 1 }])).toBe("Coupon,Revenue\r\n'\t=1+1,1\r\n");
    expect(toCsv(columns, [{ code: "\r=1+1", revenue: 1 }])).toBe('Coupon,Revenue\r\n"\'\r=1+1",1\r\n');
  });
});
