/**
 * Each visitor's history is kept beside its rollup (`rules/visitor-history.ts`), and a
 * projection step trusts a missing one to mean a visitor without events: the read model is
 * rebuilt once from the stored events (at the next start, `projection/rebuild.ts`), which writes
 * every visitor's. Whether it was is kept with the schema's version.
 */
export default `
ALTER TABLE schema_version ADD COLUMN read_model_built BOOLEAN NOT NULL DEFAULT false;
`;
