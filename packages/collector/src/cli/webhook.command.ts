import { randomBytes, randomUUID } from "node:crypto";
import { WEBHOOK_TYPES, type WebhookType } from "../webhooks/webhook-event.js";
import { CliError, DEFAULT_DB, parseFlags, required, UsageError } from "./args.js";
import { appspaceOrFail, withStore } from "./store-file.js";
import { privateAddressOf } from "../webhooks/private-address.js";
import { shownUrl } from "../http/shown-url.js";

export const WEBHOOK_USAGE = `Usage:
  tally-collector webhook add [--db FILE] --appspace ID --url URL --events TYPE,TYPE… [--allow-private] [--json]
  tally-collector webhook list [--db FILE] [--appspace ID] [--json]
  tally-collector webhook remove [--db FILE] --id ID

Types: ${WEBHOOK_TYPES.join(", ")} (purchase also brings purchase.updated when the other side's
copy of an order changes its money or items). Each event is POSTed as JSON
{ "id", "type", "created_at", "appspace_id", "data" } with the header
Tally-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret>.
add prints the webhook's id and its signing secret (shown only then). Delivery is at least once:
receivers dedupe by id. A URL on a loopback, link-local or private address (localhost, 10.x,
192.168.x, 169.254.169.254, fc00::/7, …) is refused unless --allow-private says the receiver is
meant to be there; the address is checked again, after DNS, at every send. --db defaults to ${DEFAULT_DB}.`;

const ACTIONS = new Set(["add", "list", "remove"]);

function eventTypes(value: string): WebhookType[] {
  const types = [...new Set(value.split(",").map((t) => t.trim()))];
  const unknown = types.filter((t) => !(WEBHOOK_TYPES as readonly string[]).includes(t));
  if (unknown.length || types.length === 0)
    throw new UsageError(`--events takes ${WEBHOOK_TYPES.join(", ")}; not "${unknown.join(",") || value}"`);
  return types as WebhookType[];
}

function webhookUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--url must be an http(s) URL, not "${value}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`--url must be an http(s) URL, not "${value}"`);
  return url.href;
}

export async function webhookCommand(argv: string[], out: (line: string) => void): Promise<void> {
  const [action, ...rest] = argv;
  if (action === undefined || action === "--help" || action === "-h" || action === "help") return out(WEBHOOK_USAGE);
  if (!ACTIONS.has(action)) throw new UsageError(`unknown webhook command "${action}"`);
  const flags = parseFlags(rest, {
    db: { type: "string", default: DEFAULT_DB },
    appspace: { type: "string" },
    url: { type: "string" },
    events: { type: "string" },
    id: { type: "string" },
    json: { type: "boolean" },
    "allow-private": { type: "boolean" },
  });
  if (flags.help) return out(WEBHOOK_USAGE);
  const db = flags.db as string;

  if (action === "add") {
    const appspaceId = required(flags, "appspace");
    const allowPrivate = flags["allow-private"] === true;
    const row = {
      id: `wh_${randomUUID()}`,
      appspace_id: appspaceId,
      url: webhookUrl(required(flags, "url")),
      events: eventTypes(required(flags, "events")),
      secret: `whsec_${randomBytes(24).toString("base64url")}`,
      created_at: Date.now(),
      allow_private: allowPrivate,
    };
    const inside = allowPrivate ? undefined : await privateAddressOf(row.url);
    if (inside)
      throw new CliError(
        `--url ${shownUrl(row.url)} is a private address (${inside}): refused; pass --allow-private if the receiver is meant to be there`,
      );
    await withStore(db, true, async (store) => {
      await appspaceOrFail(store, appspaceId, db);
      await store.addWebhook(row);
    });
    if (flags.json)
      return out(
        JSON.stringify(
          { id: row.id, appspace_id: row.appspace_id, url: row.url, events: row.events, secret: row.secret },
          null,
          2,
        ),
      );
    return out(`Webhook ${row.id}
  url      ${row.url}${allowPrivate ? "   (private addresses allowed)" : ""}
  events   ${row.events.join(", ")}
  secret   ${row.secret}   (signs every delivery; shown only now)`);
  }
  if (action === "list") {
    const hooks = await withStore(db, true, (store) => store.listWebhooks(flags.appspace as string | undefined));
    const shown = hooks.map(({ secret: _, ...h }) => h);
    if (flags.json) return out(JSON.stringify(shown, null, 2));
    if (shown.length === 0) return out("No webhooks.");
    for (const h of shown) out(`${h.id}  ${h.appspace_id}  ${h.events.join(",")}  ${h.url}`);
    return;
  }
  const id = required(flags, "id");
  const removed = await withStore(db, true, (store) => store.removeWebhook(id));
  if (!removed)
    throw new CliError(`no webhook ${id} in ${db}: \`tally-collector webhook list --db ${db}\` shows the ids`);
  out(`Removed webhook ${id} and its undelivered events.`);
}
