import { READ_TABLES, rowId, type Contribution, type ReadTable } from "../rules/contribution.js";
import type { ReadTableRow } from "./ledger.js";

/**
 * The read-table writes of one projection step, gathered in memory and written at its end in
 * one statement per table: additive rows summed per key (a contribution and its taking back
 * cancel out before they reach the database), keyed rows as the last write or delete of each
 * key. Nothing in a step reads the read tables back, so writing them last is exact.
 */
export class ReadTableWrites {
  private sums = new Map<string, { t: ReadTable; appspace: number; k: Contribution["k"]; v: number[] }>();
  private keyed = new Map<string, ReadTableRow>();

  /** Adds contributions under a read key (sign 1), or takes them back (sign -1). */
  add(key: number, rows: readonly Contribution[], sign: 1 | -1): void {
    for (const row of rows) {
      const id = `${key}\u0000${rowId(row.t, row.k)}`;
      const direction = row.drop ? -1 : sign;
      if (READ_TABLES[row.t].additive) {
        const sum = this.sums.get(id);
        const values = row.v.map((v) => direction * (v as number));
        if (sum) values.forEach((v, i) => (sum.v[i] = sum.v[i]! + v));
        else this.sums.set(id, { t: row.t, appspace: key, k: row.k, v: values });
      } else {
        this.keyed.set(id, { t: row.t, appspace: key, k: row.k, v: direction === 1 ? row.v : null });
      }
    }
  }

  /** Everything gathered (additive rows that sum to nothing left out), and forgets it. */
  take(): ReadTableRow[] {
    const rows: ReadTableRow[] = [];
    for (const s of this.sums.values()) if (s.v.some((v) => v !== 0)) rows.push(s);
    rows.push(...this.keyed.values());
    this.sums.clear();
    this.keyed.clear();
    return rows;
  }
}
