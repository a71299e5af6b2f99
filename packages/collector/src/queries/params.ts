// The query parameters as zod schemas: each parses the raw string to what the query reads, with
// the message a 400 gives (`http/contract.ts` turns the first failure into `query.invalid_<name>`),
// and documents itself in the OpenAPI document as the value it yields.
import { z } from "zod";

/**
 * A whole number parameter within bounds, or its default.
 *
 * @example
 * intParam("limit", 20, 1, 100, "How many products");
 */
export function intParam(name: string, fallback: number, min: number, max: number, description: string) {
  const message = `${name} must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d{1,9}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message))
    .default(fallback)
    .meta({ description });
}

/** One of a fixed set of words, or its default. */
export function choiceParam<const T extends readonly [string, ...string[]]>(
  name: string,
  choices: T,
  fallback: T[number],
  description: string,
) {
  return z
    .enum(choices, { error: `${name} must be one of ${choices.join(", ")}` })
    .default(fallback)
    .meta({ description });
}

/** One of a fixed set of whole numbers, or its default. */
export function numberChoiceParam<const T extends readonly [number, ...number[]]>(
  name: string,
  choices: T,
  fallback: T[number],
  description: string,
) {
  const words = choices.map(String) as [string, ...string[]];
  return z
    .enum(words, { error: `${name} must be one of ${choices.join(", ")}` })
    .transform(Number)
    .pipe(z.literal(choices))
    .default(fallback)
    .meta({ description });
}

/** A required text parameter with a length cap. */
export function textParam(name: string, description: string, max = 200) {
  return z
    .string({ error: `${name} is required` })
    .min(1, `${name} is required`)
    .max(max, `${name} must be at most ${max} characters`)
    .meta({ description });
}

/**
 * The range every query reads, checked and clamped by `dayRange` (which of them counts depends
 * on which are present: start and end together win over days).
 */
export const RANGE_PARAMS = {
  days: z.string().optional().meta({
    description: "The N UTC days ending today, today included (default 30)",
    type: "integer",
    minimum: 1,
    default: 30,
  }),
  start: z
    .string()
    .optional()
    .meta({ description: "First day, inclusive (with end; instead of days)", format: "date" }),
  end: z.string().optional().meta({ description: "Last day, inclusive (with start)", format: "date" }),
};

/** Every query reads it: `true` answers as if flagged events had not been stored. */
export const EXCLUDE_FLAGGED = {
  exclude_flagged: z
    .enum(["true", "false"], { error: "exclude_flagged must be one of true, false" })
    .default("false")
    .transform((value) => value === "true")
    .pipe(z.boolean())
    .meta({
      description:
        "true: answer as if the events a fraud rule flagged had not been stored (default false: flagged events count)",
      default: false,
    }),
};
