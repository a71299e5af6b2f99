import init from "./0001-init.js";
import readIndices from "./0002-read-indices.js";
import orderCover from "./0003-order-cover.js";
import sessionDays from "./0004-session-days.js";
import cartDays from "./0005-cart-days.js";
import productNames from "./0006-product-names.js";
import inbox from "./0007-inbox.js";
import readModel from "./0008-read-model.js";
import policies from "./0009-policies.js";
import projectionPositions from "./0010-projection-positions.js";
import sources from "./0011-sources.js";
import hardening from "./0012-hardening.js";
import visitorHistories from "./0013-visitor-histories.js";

/** Every migration in order; a migration's version is its position + 1. Append, never edit. */
export const MIGRATIONS: readonly string[] = [
  init,
  readIndices,
  orderCover,
  sessionDays,
  cartDays,
  productNames,
  inbox,
  readModel,
  policies,
  projectionPositions,
  sources,
  hardening,
  visitorHistories,
];
