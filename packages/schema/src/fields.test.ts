import { describe, expect, it } from "vitest";
import { eventSchema } from "./event.schema.js";
import { EVENT_FIELDS } from "./fields.js";

describe("EVENT_FIELDS", () => {
  it("names exactly the event schema's fields a client sets, besides the type and the ids an SDK sets itself", () => {
    const own = new Set(["event_type", "event_id", "anonymous_id", "session_id"]);
    expect([...EVENT_FIELDS].sort()).toEqual(
      Object.keys(eventSchema.shape)
        .filter((k) => !own.has(k))
        .sort(),
    );
  });
});
