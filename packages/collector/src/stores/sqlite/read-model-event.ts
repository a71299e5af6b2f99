import type { Db } from "./open.js";
import type { StoredEvent } from "../../model/stored-event.js";
import { eventFacts } from "../../rules/event-facts.js";
import { cartEffect, itemsValue } from "../../rules/cart.js";
import { readKeysOf } from "../../model/read-key.js";
import { applyContributions } from "./read-tables.queries.js";
import { applyToCartDay } from "./cart-days.queries.js";
import { markEvent } from "./dirty.js";

/**
 * An event's own facts and cart day added to the read model (sign 1) or taken back (sign -1),
 * under every read key it counts under, and the entities it belongs to marked for their rollups.
 */
export function applyEventToReadModel(db: Db, event: StoredEvent, sign: 1 | -1): void {
  const facts = eventFacts(event);
  const cart = cartEffect(event, itemsValue(event.items), sign);
  for (const key of readKeysOf(event)) {
    applyContributions(db, key, facts, sign);
    applyToCartDay(db, key, event.day, cart);
  }
  markEvent(db, event);
}
