/**
 * Every key of an appspace's rows begins with its appspace, so the rows of one appspace can live
 * together (on Citus, on one shard: see 0007). `event_properties` and `webhook_deliveries` get the
 * column, taken from the event and the webhook they belong to; deliveries of webhooks removed
 * before (already delivered or given up: removing a webhook drops the rest) go with them. An
 * entry moved aside before its appspace was known is kept under appspace 0.
 */
export default `
ALTER TABLE events DROP CONSTRAINT events_pkey, ADD PRIMARY KEY (appspace_seq, seq);
ALTER TABLE event_items DROP CONSTRAINT event_items_pkey, ADD PRIMARY KEY (appspace_seq, event_seq, position);

ALTER TABLE event_properties ADD COLUMN appspace_seq INTEGER;
UPDATE event_properties p SET appspace_seq = e.appspace_seq FROM events e WHERE e.seq = p.event_seq;
DELETE FROM event_properties WHERE appspace_seq IS NULL;
ALTER TABLE event_properties ALTER COLUMN appspace_seq SET NOT NULL,
  DROP CONSTRAINT event_properties_pkey, ADD PRIMARY KEY (appspace_seq, event_seq, key);

ALTER TABLE inbox ALTER COLUMN appspace_seq DROP DEFAULT, DROP CONSTRAINT inbox_pkey, ADD PRIMARY KEY (appspace_seq, seq);
DROP INDEX inbox_by_appspace;
UPDATE inbox_rejected SET appspace_seq = 0 WHERE appspace_seq IS NULL;
ALTER TABLE inbox_rejected ALTER COLUMN appspace_seq SET NOT NULL,
  DROP CONSTRAINT inbox_rejected_pkey, ADD PRIMARY KEY (appspace_seq, seq);

ALTER TABLE webhook_deliveries ADD COLUMN appspace_seq INTEGER;
UPDATE webhook_deliveries d SET appspace_seq = w.appspace_seq FROM webhooks w WHERE w.id = d.webhook_id;
DELETE FROM webhook_deliveries WHERE appspace_seq IS NULL;
ALTER TABLE webhook_deliveries ALTER COLUMN appspace_seq SET NOT NULL,
  DROP CONSTRAINT webhook_deliveries_pkey, ADD PRIMARY KEY (appspace_seq, seq);
`;
