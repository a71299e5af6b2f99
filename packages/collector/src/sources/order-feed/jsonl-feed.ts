import type { FeedRecord } from "./feed-order.js";

/** JSON lines: one ingest-contract event per line (blank lines skipped). */
export function readJsonLines(content: string): FeedRecord[] {
  const records: FeedRecord[] = [];
  content.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let event: Record<string, unknown> | string;
    try {
      const value = JSON.parse(line) as unknown;
      event =
        typeof value === "object" && value !== null && !Array.isArray(value)
          ? (value as Record<string, unknown>)
          : "the line is not a JSON object";
    } catch {
      event = "the line is not valid JSON";
    }
    records.push({ position: records.length + 1, where: `line ${i + 1}`, event });
  });
  return records;
}
