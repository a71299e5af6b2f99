import type { StoredEvent } from "../model/stored-event.js";
import { readKeysOf } from "../model/read-key.js";
import { eventFacts } from "../rules/event-facts.js";
import { cartEffect, itemsValue } from "../rules/cart.js";
import type { CartDayDelta } from "./ledger.js";
import { ReadTableWrites } from "./read-table-writes.js";
import { DirtyEntities } from "./settle-rollups.js";

/**
 * What stored events change in the read model, gathered in memory: each event's own facts and
 * cart day under every read key it counts under (added, or taken back with sign -1), and the
 * entities it belongs to marked for their rollups.
 */
export class ReadModelDelta {
  readonly writes = new ReadTableWrites();
  readonly dirty = new DirtyEntities();
  private cartDays = new Map<string, CartDayDelta>();

  add(e: StoredEvent, sign: 1 | -1): void {
    const facts = eventFacts(e);
    const cart = cartEffect(e, itemsValue(e.items), sign);
    for (const key of readKeysOf(e)) {
      this.writes.add(key, facts, sign);
      if (!cart) continue;
      const id = `${key}\u0000${e.day}\u0000${cart.cart}`;
      const day = this.cartDays.get(id) ?? {
        key,
        cart: cart.cart,
        day: e.day,
        added: 0,
        removed: 0,
        adds: 0,
        purchases: 0,
      };
      day.added += cart.added;
      day.removed += cart.removed;
      day.adds += cart.adds;
      day.purchases += cart.purchases;
      this.cartDays.set(id, day);
    }
    this.dirty.mark(e);
  }

  /** The cart days that changed, and forgets them. */
  takeCartDays(): CartDayDelta[] {
    const days = [...this.cartDays.values()].filter((d) => d.added || d.removed || d.adds || d.purchases);
    this.cartDays.clear();
    return days;
  }
}
