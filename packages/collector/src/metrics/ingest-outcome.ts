/** The ingest routes whose answers the metrics read. */
export type IngestRoute = "track" | "batch" | "conversion";

export interface IngestOutcome {
  accepted: number;
  /** Refusals by reason: a refused event, or a refused request counted once. */
  rejected: Map<string, number>;
}

/**
 * A refusal's reason as a metric label: the message without what varies per event (its index in
 * the batch, item positions, the unknown field's name), so the label set stays small.
 *
 * @example
 * reasonOf("events[3]: items[0].price must be a number, not a string"); // "items[].price must be a number, not a string"
 */
export function reasonOf(message: unknown): string {
  if (typeof message !== "string" || message === "") return "unknown";
  const reason = message
    .replace(/^events\[\d+\]: /, "")
    .replace(/\[\d+\]/g, "[]")
    .replace(/unknown fields? .*/, "unknown field");
  return reason.length > 80 ? reason.slice(0, 80) : reason;
}

/**
 * What an ingest answer says was accepted and refused, read from the answer alone: `/track`
 * and Hello Retail's route take one event, `/batch` tells `accepted` and lists `errors`.
 */
export function ingestOutcome(route: IngestRoute, status: number, body: unknown): IngestOutcome {
  const answer = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const rejected = new Map<string, number>();
  const refuse = (message: unknown) => {
    const reason = reasonOf(message);
    rejected.set(reason, (rejected.get(reason) ?? 0) + 1);
  };
  if (route === "conversion") {
    if (answer.success === true) return { accepted: 1, rejected };
    refuse(answer.message);
    return { accepted: 0, rejected };
  }
  if (status !== 200) {
    refuse(answer.error);
    return { accepted: 0, rejected };
  }
  if (route === "track") return { accepted: 1, rejected };
  for (const error of Array.isArray(answer.errors) ? answer.errors : []) refuse(error);
  return { accepted: typeof answer.accepted === "number" ? answer.accepted : 0, rejected };
}
