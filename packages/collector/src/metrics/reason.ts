/**
 * A refusal's reason as a metric label: the message without what varies per event (its index in
 * the batch or request, item positions, the unknown field's name), so the label set stays small.
 *
 * @example
 * reasonOf("events[3]: items[0].price must be a number, not a string"); // "items[].price must be a number, not a string"
 */
export function reasonOf(message: unknown): string {
  if (typeof message !== "string" || message === "") return "unknown";
  const reason = message
    .replace(/^(events|batch)\[\d+\]: /, "")
    .replace(/\[\d+\]/g, "[]")
    .replace(/unknown fields? .*/, "unknown field");
  return reason.length > 80 ? reason.slice(0, 80) : reason;
}
