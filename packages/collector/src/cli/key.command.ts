import { addKey } from "../appspaces/create-appspace.js";
import { hashKey, type KeyKind } from "../auth/keys.js";
import { CliError, DEFAULT_DB, parseFlags, required, UsageError } from "./args.js";
import { openStoreFile } from "./store-file.js";

export const KEY_USAGE = `Usage:
  tally-collector key create [--db FILE] --appspace ID --kind publishable|secret [--json]
  tally-collector key list [--db FILE] --appspace ID [--json]
  tally-collector key revoke [--db FILE] (--key KEY | --id N)

Keys are stored hashed: create shows a new key once; list shows each key's start and end.
\`tally-collector appspace list\` shows the appspace ids. --db defaults to ${DEFAULT_DB}.`;

const ACTIONS = new Set(["create", "list", "revoke"]);

export async function keyCommand(argv: string[], out: (line: string) => void): Promise<void> {
  const [action, ...rest] = argv;
  if (action === undefined || action === "--help" || action === "-h" || action === "help") return out(KEY_USAGE);
  if (!ACTIONS.has(action)) throw new UsageError(`unknown key command "${action}"`);
  const flags = parseFlags(rest, {
    db: { type: "string", default: DEFAULT_DB },
    appspace: { type: "string" },
    kind: { type: "string" },
    key: { type: "string" },
    id: { type: "string" },
    json: { type: "boolean" },
  });
  if (flags.help) return out(KEY_USAGE);
  const kind = action === "create" ? required(flags, "kind") : undefined;
  if (kind !== undefined && kind !== "publishable" && kind !== "secret")
    throw new UsageError('--kind must be "publishable" or "secret"');
  const appspaceId = action === "revoke" ? undefined : required(flags, "appspace");
  if (action === "revoke" && !flags.key && !flags.id) throw new UsageError("key revoke needs --key KEY or --id N");
  if (flags.id !== undefined && !/^\d+$/.test(flags.id as string))
    throw new UsageError(`--id must be a key's number from \`key list\`, not "${flags.id}"`);

  const file = flags.db as string;
  const store = await openStoreFile(file, { mustExist: true });
  try {
    if (action === "create" || action === "list") {
      const appspace = await store.findAppspaceById(appspaceId!);
      if (!appspace)
        throw new CliError(
          `no appspace ${appspaceId} in ${file}: \`tally-collector appspace list --db ${file}\` shows the ids`,
        );
      if (action === "create") {
        const key = await addKey(store, appspace.seq, kind as KeyKind);
        return out(flags.json ? JSON.stringify({ appspace: appspace.id, kind, key }, null, 2) : key);
      }
      const rows = await store.listKeys(appspace.id);
      if (flags.json) return out(JSON.stringify(rows, null, 2));
      for (const k of rows) {
        out(
          `${k.seq}  ${k.kind.padEnd(11)}  ${k.key_hint}  ${k.revoked_at ? `revoked ${new Date(k.revoked_at).toISOString()}` : "active"}`,
        );
      }
      return;
    }
    const revoked = await store.revokeKey(
      { seq: flags.id ? Number(flags.id) : undefined, hash: flags.key ? hashKey(flags.key as string) : undefined },
      Date.now(),
    );
    if (!revoked)
      throw new CliError(`no active key matched in ${file}: \`tally-collector key list --appspace ID\` shows them`);
    return out("Key revoked");
  } finally {
    await store.close();
  }
}
