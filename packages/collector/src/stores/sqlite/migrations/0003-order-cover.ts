/**
 * Covering indices for the order questions (totals, time series, device/platform/country and
 * coupon breakdowns, channels, attribution, cohorts): a range of purchases is read from the
 * index alone, never from the wide event rows. Partial, so views and carts do not pay for them.
 */
export default `
CREATE INDEX purchases_cover ON events (appspace_seq, ts, day, revenue_base, discount_base, coupon_code, device_type, platform, country,
  user_id, anonymous_id, session_id, campaign, source, medium, seq) WHERE event_type = 'purchase';
CREATE INDEX refunds_cover ON events (appspace_seq, ts, revenue_base) WHERE event_type = 'refund';
`;
