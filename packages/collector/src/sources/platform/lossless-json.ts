/**
 * Parses JSON with every integer too large for a double kept exactly, as a string of its digits:
 * platforms' numeric ids may pass 2^53 (Shopify's do), and `JSON.parse` would round them.
 *
 * @example
 * parseLosslessJson('{"id": 12345678901234567890}'); // { id: "12345678901234567890" }
 */
export function parseLosslessJson(text: string): unknown {
  return JSON.parse(quoteLargeIntegers(text));
}

/** The JSON text with integer literals beyond 2^53 turned into strings; strings in it are left as they are. */
function quoteLargeIntegers(text: string): string {
  let out = "";
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
      i++;
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i;
      i++;
      while (i < text.length && /[0-9]/.test(text[i]!)) i++;
      const isInteger = !/[.eE]/.test(text[i] ?? "");
      const literal = text.slice(start, i);
      if (isInteger && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(from, start)}"${literal}"`;
        from = i;
      }
      while (i < text.length && /[0-9.eE+-]/.test(text[i]!)) i++;
      continue;
    }
    i++;
  }
  return out + text.slice(from);
}
