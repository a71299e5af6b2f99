/**
 * Each visitor's history is kept beside its rollup (`rules/visitor-history.ts`), and a
 * projection step trusts a missing one to mean a visitor without events: the read model is
 * rebuilt once from the stored events (at the next start, `projection/rebuild.ts`), which writes
 * every visitor's.
 */
export default `
UPDATE read_model_state SET built = 0;
`;
