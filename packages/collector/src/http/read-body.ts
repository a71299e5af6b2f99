import { gunzipSync } from "node:zlib";
import { TallyError } from "../errors.js";

/** The largest request body the collector reads: far above a 100-event batch or a beacon. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Reads a JSON body (`application/json` or `text/plain`, as beacons send it) with a size cap
 * that holds even without a Content-Length, and strict UTF-8.
 */
export async function readJsonBody(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  return (await readJson(request, maxBytes)).value;
}

/** `readJsonBody`, with the body's text as well (the inbox keeps it as it came). */
export async function readJson(
  request: Request,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<{ text: string; value: unknown }> {
  const tooLarge = () => new TallyError(413, "request.body_too_large", `Request body is larger than ${maxBytes} bytes`);
  let bytes: Uint8Array;
  try {
    bytes = await readRawBody(request, maxBytes);
  } catch (error) {
    if (error instanceof TallyError) throw error;
    // The client went away, or the server let it go (past `requestTimeout` Node answers 408 itself).
    throw new TallyError(408, "request.incomplete_body", "Request body did not arrive in time or was cut off");
  }
  const encoding = request.headers.get("content-encoding")?.trim().toLowerCase();
  if (encoding === "gzip") bytes = gunzip(bytes, maxBytes, tooLarge);
  else if (encoding && encoding !== "identity") {
    throw new TallyError(
      415,
      "request.unsupported_encoding",
      `Content-Encoding ${encoding} is not supported (gzip is)`,
    );
  }
  if (bytes.byteLength === 0) throw new TallyError(400, "request.empty_body", "Request body is empty");
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new TallyError(400, "request.invalid_utf8", "Request body is not valid UTF-8");
  }
  try {
    return { text, value: JSON.parse(text) };
  } catch {
    throw new TallyError(400, "request.invalid_json", "Request body is not valid JSON");
  }
}

/**
 * The body's bytes exactly as they came (what a platform's signature covers), with the same cap:
 * 413 past `maxBytes`, with or without a Content-Length.
 */
export async function readRawBody(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<Uint8Array> {
  const tooLarge = () => new TallyError(413, "request.body_too_large", `Request body is larger than ${maxBytes} bytes`);
  const declared = Number(request.headers.get("content-length"));
  if (declared > maxBytes) throw tooLarge();
  // The server's HTTP parser frames the body by Content-Length: it cannot be longer.
  if (declared > 0) return new Uint8Array(await request.arrayBuffer());
  return readCapped(request, maxBytes, tooLarge);
}

/** A gzip body (RudderStack's clients send one), inflated no further than the cap. */
function gunzip(bytes: Uint8Array, maxBytes: number, tooLarge: () => TallyError): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge();
    throw new TallyError(400, "request.invalid_gzip", "Request body is not valid gzip");
  }
}

/** Reads a body of unknown length (chunked), giving up as soon as it passes the cap. */
async function readCapped(request: Request, maxBytes: number, tooLarge: () => TallyError): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // The answer is already decided (413); a cancel that fails changes nothing about it.
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks, size);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
