/**
 * SQL pieces that name a visitor: the user id when known, else the anonymous id, resolved
 * through `identities` to the user id it was ever seen with (identity stitching).
 * Use with `FROM events e ${JOIN_IDENTITY}`.
 */
export const JOIN_IDENTITY =
  "LEFT JOIN identities idn ON idn.appspace_seq = e.appspace_seq AND idn.anonymous_id = e.anonymous_id";
export const VISITOR = "COALESCE(e.user_id, idn.user_id, e.anonymous_id)";
