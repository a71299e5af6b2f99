import { addKey } from "../appspaces/create-appspace.js";
import { hashKey, type KeyKind } from "../auth/keys.js";
import { openStore } from "../stores/open-store.js";
import { parseFlags, required, UsageError } from "./args.js";

export const KEY_USAGE = `Usage:
  tally-collector key create --db FILE --appspace ID --kind publishable|secret [--json]
  tally-collector key list --db FILE --appspace ID [--json]
  tally-collector key revoke --db FILE (--key KEY | --id N)

Keys are stored hashed: create shows a new key once; list shows each key's start and end.`;

export async function keyCommand(argv: string[], out: (line: string) => void): Promise<void> {
  const [action, ...rest] = argv;
  if (action === undefined || action === "--help" || action === "-h" || action === "help") return out(KEY_USAGE);
  const flags = parseFlags(rest, {
    db: { type: "string", default: "./tally.db" },
    appspace: { type: "string" },
    kind: { type: "string" },
    key: { type: "string" },
    id: { type: "string" },
    json: { type: "boolean" },
  });
  if (flags.help) return out(KEY_USAGE);
  const store = openStore(flags.db as string);
  try {
    if (action === "create") {
      const kind = required(flags, "kind");
      if (kind !== "publishable" && kind !== "secret") throw new UsageError('--kind must be "publishable" or "secret"');
      const appspace = await store.findAppspaceById(required(flags, "appspace"));
      if (!appspace) throw new UsageError(`No appspace ${flags.appspace}`);
      const key = await addKey(store, appspace.seq, kind as KeyKind);
      return out(flags.json ? JSON.stringify({ appspace: appspace.id, kind, key }, null, 2) : key);
    }
    if (action === "list") {
      const rows = await store.listKeys(required(flags, "appspace"));
      if (flags.json) return out(JSON.stringify(rows, null, 2));
      for (const k of rows) {
        out(`${k.seq}  ${k.kind.padEnd(11)}  ${k.key_hint}  ${k.revoked_at ? `revoked ${new Date(k.revoked_at).toISOString()}` : "active"}`);
      }
      return;
    }
    if (action === "revoke") {
      if (!flags.key && !flags.id) throw new UsageError("key revoke needs --key KEY or --id N");
      const revoked = await store.revokeKey({ seq: flags.id ? Number(flags.id) : undefined, hash: flags.key ? hashKey(flags.key as string) : undefined }, Date.now());
      if (!revoked) throw new UsageError("No active key matched");
      return out("Key revoked");
    }
    throw new UsageError(`Unknown key command "${action}"`);
  } finally {
    await store.close();
  }
}
