import { randomBytes } from "node:crypto";
import { SOURCE_KINDS, type SourceKind, type SourceRow } from "../model/source.js";
import { CliError, DEFAULT_DB, parseFlags, required, UsageError } from "./args.js";
import { appspaceOrFail, withStore } from "./store-file.js";
import { addKey } from "../appspaces/create-appspace.js";
import { hashKey } from "../auth/keys.js";

export const SOURCE_USAGE = `Usage:
  tally-collector source add [--db FILE] --appspace ID --kind ${SOURCE_KINDS.join("|")} --secret SECRET [--json]
  tally-collector source list [--db FILE] [--appspace ID] [--json]
  tally-collector source remove [--db FILE] --id ID

A source takes a platform's signed webhooks at POST /sources/<id> of the collector. --secret is
the platform's signing secret: Shopify's webhook signing key (Settings → Notifications) or the
app's client secret; the WooCommerce webhook's secret; the Stripe endpoint's whsec_… secret.
add prints the source's path (and, for Shopify, where the custom pixel's code is); docs/sources/
has each platform's set-up. --db defaults to ${DEFAULT_DB}.`;

const ACTIONS = new Set(["add", "list", "remove"]);

/** What `source add` and `source list` print for a source (never its secret). */
export function sourceJson(row: SourceRow) {
  const path = `/sources/${row.id}`;
  return {
    id: row.id,
    kind: row.kind,
    appspace_id: row.appspace_id,
    path,
    ...(row.kind === "shopify" ? { pixel_url: `${path}/shopify-pixel.js` } : {}),
  };
}

export async function sourceCommand(argv: string[], out: (line: string) => void): Promise<void> {
  const [action, ...rest] = argv;
  if (action === undefined || action === "--help" || action === "-h" || action === "help") return out(SOURCE_USAGE);
  if (!ACTIONS.has(action)) throw new UsageError(`unknown source command "${action}"`);
  const flags = parseFlags(rest, {
    db: { type: "string", default: DEFAULT_DB },
    appspace: { type: "string" },
    kind: { type: "string" },
    secret: { type: "string" },
    id: { type: "string" },
    json: { type: "boolean" },
  });
  if (flags.help) return out(SOURCE_USAGE);
  const db = flags.db as string;

  if (action === "add") {
    const kind = flags.kind as string | undefined;
    if (!kind || !(SOURCE_KINDS as readonly string[]).includes(kind))
      throw new CliError(
        `source add: --kind must be one of ${SOURCE_KINDS.join(", ")}${kind ? `, not "${kind}"` : ""}`,
      );
    const secret = typeof flags.secret === "string" ? flags.secret.trim() : "";
    if (!secret) throw new CliError(`source add: --secret is required: the ${kind} webhook signing secret`);
    const appspaceId = required(flags, "appspace");
    const row: SourceRow = {
      id: `src_${randomBytes(12).toString("base64url")}`,
      appspace_id: appspaceId,
      kind: kind as SourceKind,
      secret,
      created_at: Date.now(),
    };
    await withStore(db, true, async (store) => {
      const appspace = await appspaceOrFail(store, appspaceId, db);
      // The custom pixel is a browser: it sends with a publishable key of its own, kept on the source.
      if (row.kind === "shopify") row.pixel_key = await addKey(store, appspace.seq, "publishable");
      await store.addSource(row);
    });
    const shown = sourceJson(row);
    if (flags.json) return out(JSON.stringify(shown, null, 2));
    out(`Source ${row.id} (${row.kind}) for appspace ${row.appspace_id}
  webhook URL   <collector URL>${shown.path}`);
    if (shown.pixel_url)
      out(`  custom pixel  <collector URL>${shown.pixel_url}   (the code to paste under Settings → Customer events)`);
    return;
  }
  if (action === "list") {
    const rows = await withStore(db, true, (store) => store.listSources(flags.appspace as string | undefined));
    const shown = rows.map(sourceJson);
    if (flags.json) return out(JSON.stringify(shown, null, 2));
    if (shown.length === 0) return out("No sources.");
    for (const s of shown) out(`${s.id}  ${s.appspace_id}  ${s.kind}  ${s.path}`);
    return;
  }
  const id = required(flags, "id");
  const removed = await withStore(db, true, async (store) => {
    const source = await store.findSource(id);
    if (!source) return false;
    // A Shopify source's pixel key goes with it: a pixel left pasted in a shop stops counting.
    if (source.pixel_key) await store.revokeKey({ hash: hashKey(source.pixel_key) }, Date.now());
    return store.removeSource(id, Date.now());
  });
  if (!removed)
    throw new CliError(`no source ${id} in ${db}: \`tally-collector source list --db ${db}\` shows the ids`);
  out(`Removed source ${id}: its deliveries are now answered 404, and its pixel key (if any) is revoked.`);
}
