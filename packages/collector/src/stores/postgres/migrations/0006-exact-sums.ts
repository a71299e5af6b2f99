/**
 * Money sums that cannot overflow: the read model's money columns become NUMERIC. One row of a
 * read table adds up a day's events, and although each event is bounded at ingest (10^13 minor
 * units), enough maximal events on one day pass `bigint`'s 9.2 × 10^18; NUMERIC has no such edge,
 * and values below 2^53 read back exactly. Cart days hold the value added to and removed from a
 * cart, money too.
 */
export default `
ALTER TABLE fact_days ALTER COLUMN revenue TYPE NUMERIC, ALTER COLUMN refund_amount TYPE NUMERIC,
  ALTER COLUMN anon_revenue TYPE NUMERIC;
ALTER TABLE breakdown_days ALTER COLUMN revenue TYPE NUMERIC, ALTER COLUMN discount TYPE NUMERIC;
ALTER TABLE product_days ALTER COLUMN revenue TYPE NUMERIC;
ALTER TABLE channel_days ALTER COLUMN revenue TYPE NUMERIC;
ALTER TABLE cart_totals ALTER COLUMN abandoned_value TYPE NUMERIC;
ALTER TABLE cohort_cells ALTER COLUMN revenue TYPE NUMERIC;
ALTER TABLE cart_days ALTER COLUMN added TYPE NUMERIC, ALTER COLUMN removed TYPE NUMERIC;
`;
