/**
 * Where a parsed event holds U+0000 (in a string or a key), as a path like `items[0].item_name`,
 * or undefined. PostgreSQL cannot store that character in text, so no store takes it: the
 * event is refused at the door rather than acknowledged and then lost.
 */
export function nulCharacterAt(value: unknown, path = ""): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path || "value" : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulCharacterAt(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  for (const key in value) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes("\u0000")) return at;
    const found = nulCharacterAt((value as Record<string, unknown>)[key], at);
    if (found) return found;
  }
  return undefined;
}
