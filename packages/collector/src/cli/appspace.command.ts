import { createAppspace } from "../appspaces/create-appspace.js";
import { openStore } from "../stores/open-store.js";
import { parseFlags, required, UsageError } from "./args.js";

export const APPSPACE_USAGE = `Usage:
  tally-collector appspace create --db FILE --name NAME --currency ISO [--retention-days N] [--json]
  tally-collector appspace list --db FILE [--json]

create  makes an appspace with a publishable key (pk_…, browsers: ingest only) and a
        secret key (sk_…, servers: ingest and query). The keys are shown once.
list    shows every appspace in the database.`;

export async function appspaceCommand(argv: string[], out: (line: string) => void): Promise<void> {
  const [action, ...rest] = argv;
  if (action === "create") {
    const flags = parseFlags(rest, {
      db: { type: "string", default: "./tally.db" },
      name: { type: "string" },
      currency: { type: "string" },
      "retention-days": { type: "string" },
      json: { type: "boolean" },
    });
    if (flags.help) return out(APPSPACE_USAGE);
    const retention = flags["retention-days"] === undefined ? undefined : Number(flags["retention-days"]);
    if (retention !== undefined && !(Number.isInteger(retention) && retention > 0)) {
      throw new UsageError("--retention-days must be a whole number of days");
    }
    const store = openStore(flags.db as string);
    try {
      const created = await createAppspace(store, { name: required(flags, "name"), currency: required(flags, "currency"), retentionDays: retention });
      if (flags.json) return out(JSON.stringify(created, null, 2));
      out(`Appspace "${created.name}" (${created.currency})
  id               ${created.id}
  publishable key  ${created.publishable_key}   (browsers: ingest only)
  secret key       ${created.secret_key}   (servers: ingest and query; keep it private)`);
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    } finally {
      await store.close();
    }
    return;
  }
  if (action === "list") {
    const flags = parseFlags(rest, { db: { type: "string", default: "./tally.db" }, json: { type: "boolean" } });
    if (flags.help) return out(APPSPACE_USAGE);
    const store = openStore(flags.db as string);
    try {
      const rows = (await store.listAppspaces()).map(({ id, name, currency, retention_days }) => ({ id, name, currency, retention_days }));
      if (flags.json) return out(JSON.stringify(rows, null, 2));
      for (const r of rows) out(`${r.id}  ${r.currency}  ${r.retention_days}d  ${r.name}`);
    } finally {
      await store.close();
    }
    return;
  }
  if (action === undefined || action === "--help" || action === "-h" || action === "help") return out(APPSPACE_USAGE);
  throw new UsageError(`Unknown appspace command "${action}"`);
}
