import { TallyError } from "../errors.js";

const bad = (name: string, message: string) => new TallyError(400, `query.invalid_${name}`, message);

/** A whole number query parameter within bounds, or its default. */
export function intParam(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d{1,9}$/.test(value) || n < min || n > max)
    throw bad(name, `${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** One of a fixed set of values, or its default. */
export function choiceParam<T extends string | number>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  const found = choices.find((c) => String(c) === value);
  if (found === undefined) throw bad(name, `${name} must be one of ${choices.join(", ")}`);
  return found;
}

/** A required text parameter with a length cap. */
export function textParam(name: string, value: string | undefined, max = 200): string {
  if (value === undefined || value === "") throw bad(name, `${name} is required`);
  if (value.length > max) throw bad(name, `${name} must be at most ${max} characters`);
  return value;
}
