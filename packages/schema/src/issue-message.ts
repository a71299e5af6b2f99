import type { z } from "zod";

/** `["items", 0, "price"]` → `items[0].price`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * One zod issue as a sentence a shop developer can act on: it names the field by its path.
 *
 * @example
 * issueMessage(issue); // "items[0].price must be a number ≥ 0"
 */
export function issueMessage(issue: z.core.$ZodIssue, prefix: ReadonlyArray<PropertyKey> = []): string {
  const path = formatPath([...prefix, ...issue.path]) || "body";
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return `${path} is required`;
      return `${path} must be ${issue.expected === "array" || issue.expected === "object" ? "an" : "a"} ${issue.expected}, not ${describe(issue.input)}`;
    case "invalid_union": {
      if (issue.input === undefined) return `${path} is required`;
      return `${path} must be a string or a number, not ${describe(issue.input)}`;
    }
    case "unrecognized_keys":
      return `${path === "body" ? "" : `${path}: `}unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
    case "too_big":
      if (issue.origin === "string") return `${path} must be at most ${issue.maximum} characters`;
      if (issue.origin === "array") return `${path} must have at most ${issue.maximum} entries`;
      return `${path} must be at most ${issue.maximum}`;
    case "too_small":
      if (issue.origin === "string") return `${path} must not be empty`;
      if (issue.origin === "array") return `${path} must not be empty`;
      return `${path} must be ≥ ${issue.minimum}`;
    case "invalid_value":
      return `${path} must be one of ${issue.values.join(", ")}`;
    case "invalid_format":
    case "custom":
      return `${path} ${issue.message}`;
    default:
      return `${path}: ${issue.message}`;
  }
}
