/** One order (or event) read from a feed, with where it stood for error reports. */
export interface FeedRecord {
  /** 1-based position in the feed (order number for order feeds, line for JSON lines). */
  position: number;
  /** Where to look: "line 12", "order 3". */
  where: string;
  /** An ingest-contract event, or the reason the record cannot be one. */
  event: Record<string, unknown> | string;
}
