import { describe, expect, it } from "vitest";
import { ask, runAsync, runSync, tell, type Ledger, type LedgerProcedure } from "./ledger.js";

/** A ledger that answers after a few event-loop turns and logs when each call starts and ends. */
function slowLedger(log: string[], failing?: string): Ledger {
  const later = <T>(name: string, value: T) =>
    new Promise<T>((resolve, reject) => {
      log.push(`${name} start`);
      setTimeout(() => {
        log.push(`${name} end`);
        if (name === failing) reject(new Error(`${name} failed`));
        else resolve(value);
      }, 5);
    });
  return {
    insertEvents: () => later("insertEvents", undefined),
    insertOrders: () => later("insertOrders", undefined),
    loadRollups: () => later("loadRollups", new Map([["s1", "[]"]])),
  } as unknown as Ledger;
}

function* step(log: string[]): LedgerProcedure<number> {
  yield* tell((l) => l.insertEvents([]));
  log.push("deciding");
  yield* tell((l) => l.insertOrders(1, []));
  const rollups = yield* ask((l) => l.loadRollups(1, "s", ["s1"]));
  log.push("read");
  return rollups.size;
}

describe("a procedure's writes", () => {
  it("run one after another while the procedure goes on, and all before its next read", async () => {
    const log: string[] = [];
    expect(await runAsync(step(log), slowLedger(log))).toBe(1);
    expect(log).toEqual([
      "deciding", // while the first write is still on its way
      "insertEvents start",
      "insertEvents end",
      "insertOrders start",
      "insertOrders end",
      "loadRollups start",
      "loadRollups end",
      "read",
    ]);
  });

  it("throw the first failing write's own error, and nothing told or asked after it runs", async () => {
    const log: string[] = [];
    await expect(runAsync(step(log), slowLedger(log, "insertEvents"))).rejects.toThrow("insertEvents failed");
    expect(log).toEqual(["deciding", "insertEvents start", "insertEvents end"]);
  });

  it("are all done before a procedure that throws hands its error on", async () => {
    const log: string[] = [];
    function* failing(): LedgerProcedure<void> {
      yield* tell((l) => l.insertEvents([]));
      throw new Error("a rule failed");
    }
    await expect(runAsync(failing(), slowLedger(log))).rejects.toThrow("a rule failed");
    expect(log).toEqual(["insertEvents start", "insertEvents end"]);
  });

  it("run at once, in order, on a synchronous ledger", () => {
    const log: string[] = [];
    const ledger = {
      insertEvents: () => void log.push("insertEvents"),
      insertOrders: () => void log.push("insertOrders"),
      loadRollups: () => (log.push("loadRollups"), new Map()),
    } as unknown as Ledger;
    expect(runSync(step(log), ledger)).toBe(0);
    expect(log).toEqual(["insertEvents", "deciding", "insertOrders", "loadRollups", "read"]);
  });
});
