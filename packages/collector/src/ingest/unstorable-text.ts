/** A string the stores cannot keep faithfully, found in a parsed event. */
export interface UnstorableText {
  /** Where, as a path like `items[0].item_name`. */
  path: string;
  message: string;
}

// With the `u` flag a well-paired surrogate is one code point: only a lone one matches.
const LONE_SURROGATE = /\p{Surrogate}/u;

function problemOf(text: string): string | undefined {
  if (text.includes("\u0000")) return "must not contain the NUL character (\\u0000)";
  if (LONE_SURROGATE.test(text)) return "must be well-formed text (it holds a lone surrogate)";
  return undefined;
}

/**
 * Where a parsed event holds U+0000 or a lone surrogate (in a string or a key), or undefined.
 * PostgreSQL cannot store U+0000 in text, and an id with a lone surrogate cannot be named again
 * (UTF-8 has no form for it, so an erase could never reach it): such an event is refused at the
 * door rather than acknowledged and then lost or kept for good.
 */
export function unstorableTextAt(value: unknown, path = ""): UnstorableText | undefined {
  if (typeof value === "string") {
    const message = problemOf(value);
    return message ? { path: path || "value", message } : undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableTextAt(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  for (const key in value) {
    const at = path ? `${path}.${key}` : key;
    const message = problemOf(key);
    if (message) return { path: at, message };
    const found = unstorableTextAt((value as Record<string, unknown>)[key], at);
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether JSON text may hold what `unstorableTextAt` looks for: valid UTF-8 carries neither U+0000
 * nor a surrogate except as an escape, so a body without `\u0000` or `\uD8…`–`\uDF…` needs no walk.
 */
export function mayHoldUnstorableText(json: string): boolean {
  return json.includes("\\u0000") || /\\u[dD][89a-fA-F]/.test(json);
}
