import { READ_TABLES } from "../rules/contribution.js";

/** A table a database copy carries, with the columns of its primary key (rows are copied in their order). */
export interface CopiedTable {
  name: string;
  key: readonly string[];
  /** Kept in the SQLite store's inbox file rather than its main file. */
  inInbox?: boolean;
}

/**
 * Every table that holds a shop's data, in an order that keeps references whole: appspaces and
 * their hashed keys, the dedup ledgers, events with their items and properties, identities, the
 * projector's own tables, the read model (copied as kept, so nothing is recomputed), webhooks
 * with their outbox, the quota's monthly counts, and the platform sources with what they remember.
 */
export const COPIED_TABLES: readonly CopiedTable[] = [
  { name: "appspaces", key: ["seq"] },
  { name: "api_keys", key: ["seq"] },
  { name: "event_ids", key: ["appspace_seq", "event_id"] },
  { name: "orders", key: ["appspace_seq", "kind", "transaction_id"] },
  { name: "events", key: ["seq"] },
  { name: "event_items", key: ["event_seq", "position"] },
  { name: "event_properties", key: ["event_seq", "key"] },
  { name: "identities", key: ["appspace_seq", "anonymous_id"] },
  { name: "sdk_losses", key: ["appspace_seq", "day"] },
  { name: "cart_days", key: ["appspace_seq", "day", "cart"] },
  { name: "product_names", key: ["appspace_seq", "item_id"] },
  { name: "inbox_rejected", key: ["seq"] },
  ...Object.entries(READ_TABLES).map(([name, spec]) => ({ name, key: ["appspace_seq", ...spec.keys] })),
  { name: "rollups", key: ["appspace_seq", "kind", "key"] },
  { name: "webhooks", key: ["id"] },
  { name: "webhook_deliveries", key: ["seq"] },
  { name: "watched_carts", key: ["appspace_seq", "cart"] },
  { name: "quota_usage", key: ["appspace_seq", "month"], inInbox: true },
  { name: "sources", key: ["id"] },
  { name: "source_state", key: ["source_id", "key"] },
  { name: "source_rejected", key: ["seq"] },
  { name: "fraud_drops", key: ["appspace_seq", "rule", "month"], inInbox: true },
];

/** A chunk of a table's rows: its columns, and the rows as values in that order. */
export interface RowChunk {
  columns: string[];
  rows: unknown[][];
}
