/** One column of a table: a heading, and the raw value of a row for it. */
export interface Column<Row> {
  label: string;
  value(row: Row): string | number | null;
  /** How the screen shows the value; the CSV keeps the raw one. */
  show?(row: Row): string | Node;
  numeric?: boolean;
}

const cell = (value: string | number | null) => {
  const text = value === null ? "" : String(value);
  // Quote what would break a field, and neutralise a leading =, +, - or @ that a spreadsheet would
  // run as a formula, and a leading TAB or CR, which some spreadsheets skip before looking for one.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * RFC 4180 CSV of rows under columns, with the raw values (not the screen's formatting), so a
 * spreadsheet gets numbers.
 *
 * @example
 * toCsv([{ label: "Code", value: (r) => r.code }], [{ code: "SAVE10" }]); // "Code\r\nSAVE10\r\n"
 */
export function toCsv<Row>(columns: Column<Row>[], rows: Row[]): string {
  const lines = [columns.map((c) => cell(c.label)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** Saves text as a file through a temporary blob link. */
export function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
