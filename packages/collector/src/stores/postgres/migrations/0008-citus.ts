/**
 * On a database with the `citus` extension (the operator installed it and registered the
 * workers), every appspace's table is distributed by its appspace column, all co-located with
 * `events` so that a statement about one appspace runs on one shard, joins included; the tables
 * looked up by id across appspaces are reference tables (a copy on every node). On plain
 * PostgreSQL this does nothing. Tables that hold rows already are copied to the shards by Citus.
 */
export const REFERENCE_TABLES: readonly string[] = [
  "appspaces",
  "api_keys",
  "webhooks",
  "sources",
  "source_state",
  "source_rejected",
  "schema_version",
];

export const DISTRIBUTED_TABLES: readonly string[] = [
  "events",
  "event_items",
  "event_properties",
  "event_ids",
  "orders",
  "identities",
  "sdk_losses",
  "cart_days",
  "product_names",
  "fact_days",
  "breakdown_days",
  "product_days",
  "channel_days",
  "cart_totals",
  "visitor_days",
  "funnel_starts",
  "credit_days",
  "cohort_cells",
  "spanning_sessions",
  "spanning_carts",
  "live_purchases",
  "live_visitors",
  "rollups",
  "inbox",
  "inbox_rejected",
  "quota_usage",
  "fraud_drops",
  "webhook_deliveries",
  "watched_carts",
];

const list = (names: readonly string[]) => `ARRAY[${names.map((n) => `'${n}'`).join(", ")}]`;

export default `
DO $$
DECLARE t text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN RETURN; END IF;
  FOREACH t IN ARRAY ${list(REFERENCE_TABLES)} LOOP
    PERFORM create_reference_table(t::regclass);
  END LOOP;
  PERFORM create_distributed_table('events'::regclass, 'appspace_seq');
  FOREACH t IN ARRAY ${list(DISTRIBUTED_TABLES.slice(1))} LOOP
    PERFORM create_distributed_table(t::regclass, 'appspace_seq', colocate_with => 'events');
  END LOOP;
END $$;
`;
