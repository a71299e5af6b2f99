import { beforeEach, describe, expect, it } from "vitest";
import type { TallyEvent } from "./event.js";
import { journal, note } from "./journal.js";
import type { Entry } from "./outbox.js";

const entry = (id: string): Entry => ({ id, at: 1, event: { event_type: "purchase", event_id: id } as TallyEvent });

beforeEach(() => localStorage.clear());

describe("the journal", () => {
  it("holds incoming events until each is noted done", () => {
    expect(journal()).toEqual([]);
    note([entry("a"), "pk:purchase:o-1"]);
    note([entry("b")]);
    expect(journal()).toEqual([[entry("a"), "pk:purchase:o-1"], [entry("b")]]);
    note(undefined, "a");
    expect(journal()).toEqual([[entry("b")]]);
    note();
    expect(localStorage.getItem("_tally_q")).toBeNull();
  });

  it("reads as empty when storage holds nothing readable or is blocked", () => {
    localStorage.setItem("_tally_q", "{not json");
    expect(journal()).toEqual([]);
    const storage = Object.getOwnPropertyDescriptor(window, "localStorage")!;
    Object.defineProperty(window, "localStorage", {
      configurable: true,
      get: () => {
        throw new DOMException("denied", "SecurityError");
      },
    });
    try {
      expect(() => note([entry("a")])).not.toThrow();
      expect(journal()).toEqual([]);
    } finally {
      Object.defineProperty(window, "localStorage", storage);
    }
  });
});
