/** Indices for the query endpoints: a person's events, and an item's events (its latest name). */
export default `
CREATE INDEX events_by_user ON events (appspace_seq, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX events_by_anonymous ON events (appspace_seq, anonymous_id) WHERE anonymous_id IS NOT NULL;
CREATE INDEX events_by_email ON events (appspace_seq, email) WHERE email IS NOT NULL;
CREATE INDEX items_by_event ON event_items (appspace_seq, item_id);
`;
