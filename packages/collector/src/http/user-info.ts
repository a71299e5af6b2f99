/**
 * A URL's user-info as a Basic `Authorization` header (fetch refuses a URL that carries it), and
 * the URL without it.
 *
 * @example
 * splitUserInfo("https://u:p@hooks.example/in"); // { url: "https://hooks.example/in", headers: { authorization: "Basic dTpw" } }
 */
export function splitUserInfo(target: string | URL): { url: string; headers: Record<string, string> } {
  const parsed = new URL(target);
  if (!parsed.username && !parsed.password) return { url: parsed.href, headers: {} };
  const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = "";
  parsed.password = "";
  return { url: parsed.href, headers: { authorization: `Basic ${Buffer.from(credentials).toString("base64")}` } };
}
